using System.Collections.Concurrent;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>One classifier session per ORT build, shared by the tests that only run it: creating one takes a few hundred milliseconds.</summary>
public sealed class ClassifierSessions : IDisposable
{
    // One thread per operator: these sessions share two cores with the rest of the test run.
    internal static readonly SessionConfig Config = new() { IntraOpThreads = 1 };

    private readonly ConcurrentDictionary<string, Lazy<OrtSession>> _sessions = new(StringComparer.Ordinal);

    public OrtSession For(string source)
        => _sessions.GetOrAdd(source, s => new Lazy<OrtSession>(() => OrtSession.Create(OrtRuntime.Load(OrtLibraries.PathOf(s)), RealModels.Paths.Classifier, Config))).Value;

    public void Dispose()
    {
        foreach (Lazy<OrtSession> session in _sessions.Values.Where(l => l.IsValueCreated))
        {
            session.Value.Dispose();
        }
    }
}
