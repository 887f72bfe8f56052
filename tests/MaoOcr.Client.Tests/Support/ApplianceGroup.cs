namespace MaoOcr.Client.Tests.Support;

/// <summary>
/// One appliance for every SDK test that needs no special settings. One collection: the tests that load models run one
/// after another, never beside each other on a small box.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApplianceGroup : ICollectionFixture<ApplianceFixture>
{
    public const string Name = "Appliance";
}
