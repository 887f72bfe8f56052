namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary>
/// The appliance that <c>maoocr ocr --server</c> talks to in these tests, shared by one collection so the tests that load
/// models run one after another, never beside each other on a small box.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RemoteAppliance : ICollectionFixture<ApplianceFixture>
{
    public const string Name = "Remote appliance";

    /// <summary>How long one command may take on a loaded 2-core box.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The appliance's address as a user gives it to <c>--server</c>: ws://HOST:PORT, no path.</summary>
    public static Uri ServerUri(RunningAppliance appliance) => new($"ws://{appliance.Address.Authority}");
}
