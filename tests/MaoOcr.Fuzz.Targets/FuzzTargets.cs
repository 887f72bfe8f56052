namespace MaoOcr.Fuzz.Targets;

/// <summary>Every fuzz target, by name: the console and the smoke test take their list from here.</summary>
public static class FuzzTargets
{
    /// <summary>All targets, in the order the run script runs them.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new FrameHeaderTarget(),
        new FrameStreamTarget(),
        new RequestHeadTarget(),
        new ExtensionHeaderTarget(),
        new ClientMessageJsonTarget(),
        new ClientMessageBinaryTarget(),
        new ImageHeaderTarget(),
        new PdfFrontEndTarget(),
    ];

    /// <summary>The target named <paramref name="name"/>; null when there is none.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal));
}
