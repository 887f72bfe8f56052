using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>How one engine did on one page.</summary>
/// <param name="Page">The page's name.</param>
/// <param name="Cer">Page CER (<see cref="TextMetrics.ScorePage"/>), uncapped.</param>
/// <param name="ReadingOrder">Reading-order accuracy of the engine's line order against the truth order.</param>
/// <param name="Rotation">The rotation the engine reported, or null when it reports none.</param>
/// <param name="ExpectedRotation">The rotation that puts the page upright.</param>
/// <param name="Error">Why the engine failed on the page, or null.</param>
/// <param name="Lines">The texts the engine read, in its order (written to DIR/lines for a look at the order).</param>
internal sealed record PageOutcome(string Page, double Cer, double ReadingOrder, int? Rotation, int ExpectedRotation, string? Error, IReadOnlyList<string> Lines)
{
    /// <summary>Scores <paramref name="predicted"/> (in the engine's order, boxes in the truth's pixels) against <paramref name="page"/>.</summary>
    public static PageOutcome Score(CasePage page, IReadOnlyList<PredictedLine> predicted, int? rotation) => new(
        page.Name,
        TextMetrics.ScorePage(page.Truth, predicted).Cer,
        TextMetrics.ReadingOrderAccuracy(page.Truth, predicted),
        rotation,
        page.ExpectedRotation,
        null,
        predicted.Select(l => l.Text).ToList());

    public static PageOutcome Failed(CasePage page, string error) => new(page.Name, 1, 0, null, page.ExpectedRotation, error, []);
}

/// <summary>One engine's pass over one case.</summary>
/// <param name="Seconds">Wall time of the pass: the recognise calls for images; opening, rendering and reading every page for a PDF.</param>
internal sealed record CaseOutcome(DocumentCase Case, string Engine, IReadOnlyList<PageOutcome> Pages, double Seconds)
{
    /// <summary>Mean page CER, each page capped at 100%.</summary>
    public double MeanCer => Pages.Average(p => Math.Min(1, p.Cer));

    public double MeanReadingOrder => Pages.Average(p => p.ReadingOrder);

    public double PagesPerSecond => Seconds > 0 ? Pages.Count / Seconds : 0;

    public int Errors => Pages.Count(p => p.Error is not null);
}
