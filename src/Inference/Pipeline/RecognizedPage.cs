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

    /// <summary>
    /// Degrees clockwise the image as sent (after EXIF orientation) was turned so its text reads upright: 0, 90, 180
    /// or 270. 90 means the text ran bottom to top (a page lying turned counter-clockwise); 270 means it ran top to
    /// bottom. Always 0 unless <see cref="RecognitionOptions.DetectPageOrientation"/> was set. Reading order is that of
    /// the upright page; <see cref="Width"/>, <see cref="Height"/> and every box stay in the image as sent, each box's
    /// first corner being where its text starts (on a turned page that need not be the corner nearest the image's top left).
    /// </summary>
    public int Rotation { get; init; }
}
