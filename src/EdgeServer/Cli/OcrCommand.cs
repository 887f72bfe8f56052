using MaoOcr.Appliance.Documents;
using MaoOcr.Appliance.Core;
using MaoOcr.Documents.Pdf;
using MaoOcr.Documents.Pdf.Combining;
using MaoOcr.Documents.Pdf.Reading;
using System.Text.Json;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr ocr FILE…</c>: loads the engine once and OCRs every file in turn.</summary>
internal static class OcrCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliOptions.TryParse(args, out CliOptions options, out string? error))
        {
            await stderr.WriteLineAsync($"maoocr ocr: {error}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        if (options.Files.Count == 0)
        {
            await stderr.WriteLineAsync("maoocr ocr: give at least one image file.").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        if (options.Server is not null && options.PdfOutput is not null && options.Files.Count > 1)
        {
            // The appliance makes one searchable PDF per request; several files are several requests here.
            await stderr.WriteLineAsync("maoocr ocr: --pdf with --server takes one file; for several, POST them together to /api/ocr?output=pdf.").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        if (options.Server is not null)
        {
            return await RemoteOcrCommand.RunAsync(options, stdout, stderr).ConfigureAwait(false);
        }

        OcrEngine engine;
        try
        {
            engine = OcrEngine.Create(options.ToEngineOptions());
        }
        catch (Exception e) when (e is ModelStoreException or OrtLibraryException or OrtException or ArgumentOutOfRangeException)
        {
            await stderr.WriteLineAsync($"maoocr: {e.Message}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }

        using (engine)
        {
            var request = new RecognitionOptions { Language = options.Language, Accuracy = options.Accuracy };
            var pdf = new PdfDocumentReader(new PdfLimits());
            var results = new List<CliFileResult>(options.Files.Count);
            using var searchable = new CliSearchablePdf(options.PdfOutput);
            int failures = 0;
            foreach (string file in options.Files)
            {
                CliFileResult result = RunOne(engine, pdf, file, request, options.ForceOcr, searchable);
                results.Add(result);
                if (result.Error is not null)
                {
                    failures++;
                    await stderr.WriteLineAsync($"maoocr: {file}: {result.Error}").ConfigureAwait(false);
                }
                else if (!options.Json)
                {
                    if (options.Files.Count > 1)
                    {
                        await stdout.WriteLineAsync($"==> {file} <==").ConfigureAwait(false);
                    }
                    await stdout.WriteLineAsync(result.Text).ConfigureAwait(false);
                }
            }
            if (options.PdfOutput is not null)
            {
                string? problem = searchable.Write(new PdfCombiner(pdf), engine.MaxImagePixels);
                if (problem is not null)
                {
                    failures++;
                    await stderr.WriteLineAsync($"maoocr: {options.PdfOutput}: {problem}").ConfigureAwait(false);
                }
            }
            if (options.Json)
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(results, CliJsonContext.Default.ListCliFileResult)).ConfigureAwait(false);
            }
            return failures == 0 ? CommandLine.Success : CommandLine.InputFailed;
        }
    }

    private static CliFileResult RunOne(OcrEngine engine, PdfDocumentReader pdf, string file, RecognitionOptions request, bool forceOcr, CliSearchablePdf searchable)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new CliFileResult(file, null, null, null, null, null, e.Message, "unreadable");
        }
        try
        {
            if (PdfSignature.IsPdf(bytes))
            {
                DocumentReading reading = DocumentReading.Open(pdf, engine, bytes, request, forceOcr, CancellationToken.None);
                RecognizedDocument document;
                try
                {
                    while (!reading.Finished)
                    {
                        reading.ReadNextPage(null, CancellationToken.None);
                    }
                    document = reading.Result();
                }
                catch
                {
                    reading.Dispose();
                    throw;
                }
                searchable.Add(bytes, OcrItemResult.FromDocument(document), reading);
                return new CliFileResult(file, null, null, document.Text, null, null, null, null) { Pages = document.Pages.Select(CliPage.From).ToArray() };
            }
            RecognizedPage r = engine.Recognize(bytes, request);
            searchable.Add(bytes, OcrItemResult.FromImage(r), null);
            return new CliFileResult(file, r.Width, r.Height, r.Text, r.Lines.Select(CliLine.From).ToArray(), r.Timings, null, null);
        }
        catch (OcrImageException e)
        {
            return new CliFileResult(file, null, null, null, null, null, e.Message, e.Kind.ToString());
        }
        catch (PdfException e)
        {
            return new CliFileResult(file, null, null, null, null, null, e.Message, "Pdf" + e.Kind);
        }
        catch (Exception e) when (e is OrtException or InvalidOperationException)
        {
            return new CliFileResult(file, null, null, null, null, null, e.Message, "inference");
        }
    }
}
