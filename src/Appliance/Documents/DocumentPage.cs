using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Documents;

/// <summary>One page of a document and what was read from it.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Page">Lines, text, size and timings. Pixels are at <paramref name="Dpi"/>: boxes of a text-layer page are
/// given in the same pixels the page would have been rendered to, so every page has one coordinate system.</param>
/// <param name="Source">OCR or the page's own text layer.</param>
/// <param name="Dpi">Pixels per inch of <paramref name="Page"/>'s coordinates.</param>
/// <param name="WidthPoints">The page's width as shown, in points (1/72 inch).</param>
/// <param name="HeightPoints">The page's height as shown, in points.</param>
public sealed record DocumentPage(int Number, RecognizedPage Page, PageTextSource Source, double Dpi, double WidthPoints, double HeightPoints);
