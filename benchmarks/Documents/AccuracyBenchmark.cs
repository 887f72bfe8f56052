using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Reading;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Benchmarks.Documents;

/// <summary>
/// The accuracy mode: builds the cases, writes the image cases' files (the peer reads them from disk), runs MaoOCR
/// as documents and line by line on every case and the peer on the images, and returns the report.
/// </summary>
internal static class AccuracyBenchmark
{
    public const string PeerName = "peer";

    public static string Run(DocumentOptions options, string output, TextWriter log)
    {
        IReadOnlyList<DocumentCase> cases = DocumentCases.Build(options.Count, options.Seed);
        string imagesDirectory = WriteInputs(cases, output);
        log.WriteLine($"{cases.Count} cases, {options.Count} page(s) each; images in {imagesDirectory}");

        var outcomes = new List<CaseOutcome>();
        using (OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { IntraOpThreads = options.Threads }))
        {
            var ours = new OurDocumentRunner(engine, new PdfDocumentReader(new PdfLimits()), options.Accuracy, log);
            ours.WarmUp(cases[0].Pages[0].Image!.Bytes);
            foreach (DocumentCase documentCase in cases)
            {
                // Both readings of a case back to back, so that drift on a shared machine falls on both alike.
                foreach (bool asDocument in new[] { true, false })
                {
                    if (ours.Run(documentCase, asDocument) is CaseOutcome outcome)
                    {
                        outcomes.Add(outcome);
                    }
                }
            }
        }

        string? peerEngine = null;
        if (options.RunPeer)
        {
            string peerDirectory = Path.GetFullPath(options.PeerDirectory ?? Path.Combine(MaoOcr.Testing.RepositoryPaths.Root, "benchmarks", "peer"));
            (peerEngine, IReadOnlyDictionary<string, PeerResult> results) = PeerImageRunner.Run(peerDirectory, imagesDirectory, options.Threads, log);
            foreach (DocumentCase documentCase in cases.Where(c => c.Input == CaseInput.Image))
            {
                outcomes.Add(PeerOutcome(documentCase, results));
            }
        }
        WriteLines(outcomes, output);
        return AccuracyReport.Build(options, outcomes, peerEngine);
    }

    private static CaseOutcome PeerOutcome(DocumentCase documentCase, IReadOnlyDictionary<string, PeerResult> results)
    {
        var pages = new List<PageOutcome>();
        double ms = 0;
        foreach (CasePage page in documentCase.Pages)
        {
            if (!results.TryGetValue(FileName(page), out PeerResult? result) || result.Error is not null)
            {
                pages.Add(PageOutcome.Failed(page, result?.Error ?? "the peer returned no result"));
                continue;
            }
            ms += result.Ms;
            pages.Add(PageOutcome.Score(page, PeerImageRunner.Lines(result), null));
        }
        return new CaseOutcome(documentCase, PeerName, pages, ms / 1000);
    }

    /// <summary>Writes lines/INPUT-ENGINE/PAGE.txt: each engine's lines in the order it read them, one a line.</summary>
    private static void WriteLines(IReadOnlyList<CaseOutcome> outcomes, string output)
    {
        string root = Path.Combine(output, "lines");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
        foreach (CaseOutcome outcome in outcomes)
        {
            string engine = outcome.Engine.Replace(' ', '-').Replace('+', '-');
            string directory = Path.Combine(root, $"{outcome.Case.Input}-{engine}");
            Directory.CreateDirectory(directory);
            foreach (PageOutcome page in outcome.Pages)
            {
                File.WriteAllLines(Path.Combine(directory, page.Page + ".txt"), page.Lines);
            }
        }
    }

    private static string FileName(CasePage page) => $"{page.Name}.{page.Image!.FileExtension}";

    /// <summary>Writes images/ (exactly this run's image pages, for the peer) and the PDFs, and returns the images folder.</summary>
    private static string WriteInputs(IReadOnlyList<DocumentCase> cases, string output)
    {
        string images = Path.Combine(output, "images");
        if (Directory.Exists(images))
        {
            Directory.Delete(images, recursive: true);
        }
        Directory.CreateDirectory(images);
        foreach (DocumentCase documentCase in cases)
        {
            if (documentCase.Input == CaseInput.Image)
            {
                foreach (CasePage page in documentCase.Pages)
                {
                    File.WriteAllBytes(Path.Combine(images, FileName(page)), page.Image!.Bytes);
                }
            }
            else if (documentCase.Pdf is byte[] pdf)
            {
                string suffix = documentCase.Input == CaseInput.TextLayerPdf ? "" : "-scanned";
                File.WriteAllBytes(Path.Combine(output, $"{documentCase.Name}{suffix}.pdf"), pdf);
            }
        }
        return images;
    }
}
