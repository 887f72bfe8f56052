using MaoOcr.Benchmarks.Documents;
using MaoOcr.Documents.Pdf;
using MaoOcr.Inference.Pipeline;

// maoocr-documents: accuracy of layout and orientation on document pages and PDFs against line-by-line reading and the
// peer, or the cost of a scanned PDF page against its image. The Markdown report goes to stdout and DIR/MODE.md,
// progress to stderr. See README.md.

DocumentOptions? options = DocumentOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"maoocr-documents: {error}");
    Console.Error.WriteLine(DocumentOptions.Usage);
    return 2;
}

TextWriter log = Console.Error;
try
{
    string output = Path.GetFullPath(options.OutputDirectory ?? Path.Combine(MaoOcr.Testing.RepositoryPaths.Root, "artifacts", "documents"));
    Directory.CreateDirectory(output);
    string report = options.Mode == DocumentMode.Accuracy
        ? AccuracyBenchmark.Run(options, output, log)
        : SpeedBenchmark.Run(options, output, log);
    string file = Path.Combine(output, options.Mode == DocumentMode.Accuracy ? "accuracy.md" : "speed.md");
    File.WriteAllText(file, report);
    Console.Out.Write(report);
    log.WriteLine($"wrote {file}");
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or PdfException or OcrImageException or MaoOcr.Testing.MissingTestFontException)
{
    log.WriteLine($"maoocr-documents: {e.Message}");
    return 1;
}
