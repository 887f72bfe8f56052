using MaoOcr.Inference.Pipeline;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>Bridges the engine's results to the renderer's ground truth.</summary>
public static class Rendering
{
    public static IReadOnlyList<PredictedLine> Predicted(RecognizedPage result)
        => result.Lines.Select(l => new PredictedLine(l.Text, ToQuad(l.Box))).ToArray();

    public static Quad ToQuad(IReadOnlyList<MaoOcr.Inference.Pipeline.ImagePoint> box)
        => new(new PixelPoint(box[0].X, box[0].Y), new PixelPoint(box[1].X, box[1].Y), new PixelPoint(box[2].X, box[2].Y), new PixelPoint(box[3].X, box[3].Y));

    /// <summary>Scores a result against what was drawn; the message says what went wrong when an assertion fails.</summary>
    public static PageScore Score(RenderedImage image, RecognizedPage result, out string report)
    {
        PageScore score = TextMetrics.ScorePage(image.Lines, Predicted(result));
        report = $"CER {score.Cer:P2}, recall {score.RecalledLines}/{score.TruthLines}\nexpected:\n{image.Text}\nactual:\n{result.Text}";
        return score;
    }
}
