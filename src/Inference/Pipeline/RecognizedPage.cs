using MaoOcr.Inference.Layout;

namespace MaoOcr.Inference.Pipeline;

/// <summary>The result of one image.</summary>
/// <param name="Lines">
/// Lines in reading order: top to bottom, then left to right; with <see cref="RecognitionOptions.UseLayoutAnalysis"/>,
/// block by block in the order of <see cref="Blocks"/>.
/// </param>
/// <param name="Text">
/// The lines joined by newlines; with <see cref="RecognitionOptions.UseLayoutAnalysis"/>, the blocks' texts joined by
/// a blank line.
/// </param>
/// <param name="Width">Image width in pixels after EXIF orientation.</param>
/// <param name="Height">Image height in pixels after EXIF orientation.</param>
/// <param name="Timings">Milliseconds per stage.</param>
public sealed record RecognizedPage(IReadOnlyList<RecognizedLine> Lines, string Text, int Width, int Height, StageTimings Timings)
{
    /// <summary>
    /// The page's blocks in reading order, each indexing <see cref="Lines"/>; empty unless the request set
    /// <see cref="RecognitionOptions.UseLayoutAnalysis"/>.
    /// </summary>
    public IReadOnlyList<TextBlock> Blocks { get; init; } = [];
}
