namespace MaoOcr.Appliance.Tests.Documents;

/// <summary>
/// One appliance for the PDF tests, with one queue worker (so a document and an image really take turns) and small PDF
/// limits (so the page limit is reached with a few pages and a bomb stops within seconds). The tests that use it run
/// one at a time.
/// </summary>
public sealed class DocumentAppliance : IAsyncLifetime
{
    public const int MaxPages = 8;

    public RunningAppliance Appliance { get; private set; } = null!;

    public async Task InitializeAsync() => Appliance = await RunningAppliance.StartAsync(
        ("Queue:Workers", "1"),
        ("Pdf:MaxPages", MaxPages.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Pdf:SecondsPerPage", "4"),
        ("Pdf:ToolMemoryMegabytes", "512"));

    public async Task DisposeAsync() => await Appliance.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DocumentApplianceGroup : ICollectionFixture<DocumentAppliance>
{
    public const string Name = "PDF appliance";
}
