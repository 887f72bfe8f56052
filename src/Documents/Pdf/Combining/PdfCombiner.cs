using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Documents.Sandbox;

namespace MaoOcr.Documents.Pdf.Combining;

/// <summary>
/// qpdf's page operations on untrusted PDFs, in the same sandbox as the readers: laying a text-only PDF over the pages of an
/// original (so the original's content stays as it was: vector text, fonts, images at their own resolution), and joining
/// PDFs one after the other. Output comes back on qpdf's standard output; the tool may write no file.
/// </summary>
public sealed class PdfCombiner(PdfDocumentReader reader)
{
    /// <summary>Whether qpdf is installed; without it a searchable PDF of a PDF is built from its rendered pages.</summary>
    public bool Available => reader.Tools.Qpdf is not null;

    /// <summary>
    /// The pages of <paramref name="original"/>, each with the matching page of <paramref name="textLayer"/> drawn on top.
    /// qpdf undoes the original page's /Rotate and scale for the overlay, so the text-only page is made as the page is shown.
    /// </summary>
    /// <exception cref="PdfException">qpdf failed, ran too long or ran out of memory.</exception>
    public byte[] Overlay(PdfDocument original, ReadOnlySpan<byte> textLayer, CancellationToken cancellationToken)
    {
        string directory = Path.GetDirectoryName(original.FilePath)!;
        string overlay = Path.Combine(directory, "text-layer.pdf");
        File.WriteAllBytes(overlay, textLayer.ToArray());
        return Run(["--no-warn", "--warning-exit-0", original.FilePath, "--overlay", overlay, "--", "-"], directory, original.Info.Pages.Count,
            new FileInfo(original.FilePath).Length + textLayer.Length, "adding the text layer", cancellationToken);
    }

    /// <summary>The pages of every PDF in <paramref name="parts"/>, in order, as one PDF.</summary>
    /// <exception cref="PdfException">qpdf failed, ran too long or ran out of memory.</exception>
    public byte[] Concatenate(IReadOnlyList<byte[]> parts, int pages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        if (parts.Count == 1)
        {
            return parts[0];
        }
        string directory = Path.Combine(Path.GetTempPath(), "maoocr-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var arguments = new List<string> { "--no-warn", "--warning-exit-0", "--empty", "--pages" };
            long total = 0;
            for (int i = 0; i < parts.Count; i++)
            {
                string path = Path.Combine(directory, $"part-{i}.pdf");
                File.WriteAllBytes(path, parts[i]);
                arguments.Add(path);
                total += parts[i].Length;
            }
            arguments.AddRange(["--", "-"]);
            return Run(arguments, directory, pages, total, "joining the pages", cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private byte[] Run(IReadOnlyList<string> arguments, string directory, int pages, long inputBytes, string what, CancellationToken cancellationToken)
    {
        string qpdf = reader.Tools.Qpdf ?? throw new PdfException(PdfErrorKind.ToolsMissing, "A searchable PDF of a PDF needs qpdf on the appliance (apt install qpdf).");
        PdfLimits limits = reader.Limits;
        // The output holds the inputs once more plus qpdf's own structure: twice the inputs and a margin is never short.
        var toolLimits = new ToolLimits(TimeSpan.FromSeconds((double)limits.SecondsPerPage * Math.Max(pages, 1)), (long)limits.ToolMemoryMegabytes * 1024 * 1024, (inputBytes * 2) + (16 * 1024 * 1024));
        return PdfDocumentReader.RunTool(reader.Runner, qpdf, arguments, directory, toolLimits, what, cancellationToken).Output;
    }
}
