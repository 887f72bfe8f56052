using System.Text;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Documents.Pdf.Writing;
using MaoOcr.Inference.Imaging;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// The in-process half of the PDF front end: everything that reads bytes a PDF's author controls. The PDF itself is only
/// parsed by poppler in a sandboxed child process, but what those tools print about a hostile file (pdfinfo's page list,
/// pdftotext's TSV), the raw page pixels pdftoppm writes (PNM) and a client's JPEG embedded as it is in a searchable PDF
/// are parsed here. The first byte picks the parser; the rest is its input.
/// Contract: nothing throws; an accepted parse is within the limits the callers rely on.
/// </summary>
public sealed class PdfFrontEndTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "pdf-front-end";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }
        ReadOnlySpan<byte> body = input[1..];
        _ = PdfSignature.IsPdf(body);
        switch (input[0] % 4)
        {
            case 0:
                CheckInfo(Encoding.UTF8.GetString(body));
                break;
            case 1:
                CheckTextLayer(body);
                break;
            case 2:
                CheckPnm(body);
                break;
            default:
                CheckJpeg(body);
                break;
        }
    }

    private static void CheckInfo(string text)
    {
        if (!PdfInfoParser.TryParse(text, out PdfInfo info))
        {
            return;
        }
        Contract.That(info.PageCount >= 0 && info.Pages.Count <= info.PageCount);
        for (int i = 0; i < info.Pages.Count; i++)
        {
            PdfPageInfo page = info.Pages[i];
            Contract.That(page.Number == i + 1);
            Contract.That(page.WidthPoints is > 0 and <= PdfInfoParser.MaxPageSidePoints && page.HeightPoints is > 0 and <= PdfInfoParser.MaxPageSidePoints);
            Contract.That(page.Rotate is 0 or 90 or 180 or 270);
        }
    }

    private static void CheckTextLayer(ReadOnlySpan<byte> tsv)
    {
        if (!TextLayerParser.TryParse(tsv, out IReadOnlyList<TextLayerPage> pages))
        {
            return;
        }
        int previous = 0;
        foreach (TextLayerPage page in pages)
        {
            Contract.That(page.Number > previous);
            previous = page.Number;
            foreach (TextLayerLine line in page.Lines)
            {
                Contract.That(line.Text.Length > 0 && line.Block >= 0);
                Contract.That(double.IsFinite(line.Left) && double.IsFinite(line.Top) && line.Width >= 0 && line.Height >= 0);
                Contract.That(line.Left >= 0 && line.Top >= 0);
            }
        }
    }

    private static void CheckPnm(ReadOnlySpan<byte> bytes)
    {
        // The decoder asks PnmHeader only about data that looks like PNM; give every input that start too.
        byte[] pnm = PnmHeader.LooksLikePnm(bytes) ? bytes.ToArray() : [.. "P6\n"u8, .. bytes];
        if (PnmHeader.TryParse(pnm, out PnmHeader header, out string problem))
        {
            Contract.That(header.Width > 0 && header.Height > 0 && header.Channels is 1 or 3 && header.MaxValue is >= 1 and <= 255);
            Contract.That(header.DataOffset <= pnm.Length);
        }
        else
        {
            Contract.That(!string.IsNullOrEmpty(problem));
        }
    }

    private static void CheckJpeg(ReadOnlySpan<byte> bytes)
    {
        if (JpegFrameInfo.TryParse(bytes, out JpegFrameInfo frame))
        {
            Contract.That(frame.Width > 0 && frame.Height > 0 && frame.Components > 0);
        }
    }
}
