using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>One engine for every test that needs the real models: loading them takes about a second.</summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Engine = OcrEngine.Create(new OcrEngineOptions());
    }

    public OcrEngine Engine { get; }

    public void Dispose() => Engine.Dispose();
}

[CollectionDefinition(Name)]
public sealed class EngineGroup : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
