namespace MaoOcr.Client;

/// <summary>One recognized line.</summary>
public sealed record OcrLine
{
    public string Text { get; init; } = "";

    /// <summary>0–1; the appliance drops lines under 0.5.</summary>
    public double Confidence { get; init; }

    /// <summary>Four corners in image pixels: top-left, top-right, bottom-right, bottom-left as the text reads.</summary>
    public IReadOnlyList<OcrPoint> Box { get; init; } = [];
}
