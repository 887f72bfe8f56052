using System.Text.Json;
using MaoOcr.Client;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>
/// <c>maoocr ocr --server ws://HOST:PORT FILE…</c>: the same output and exit codes as the local mode, with the OCR
/// done by an appliance through the .NET SDK (images in binary frames, progress from <c>ocr_progress</c>).
/// </summary>
internal static class RemoteOcrCommand
{
    /// <summary>Files in flight at once. 4: enough to keep a small appliance's workers busy, well under its 16 per connection.</summary>
    private const int MaxInFlight = 4;

    /// <param name="terminal">Whether stderr is a terminal (a redrawn bar) or not (plain lines); by default, asks the console.</param>
    public static async Task<int> RunAsync(CliOptions options, TextWriter stdout, TextWriter stderr, bool? terminal = null)
    {
        bool bar = terminal ?? (ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected);
        MaoOcrClient client;
        try
        {
            client = new MaoOcrClient(new MaoOcrClientOptions { Server = options.Server!, ApiToken = options.Token });
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"maoocr ocr: {e.Message}").ConfigureAwait(false);
            return CommandLine.UsageError;
        }
        await using (client.ConfigureAwait(false))
        {
            try
            {
                await client.ConnectAsync().ConfigureAwait(false);
            }
            catch (MaoOcrConnectionException e)
            {
                await stderr.WriteLineAsync($"maoocr ocr: {e.Message}").ConfigureAwait(false);
                return CommandLine.UsageError;
            }

            var requirements = new OcrRequestOptions
            {
                Language = Language(options.Language),
                Accuracy = Accuracy(options.Accuracy),
                ForceOcr = options.ForceOcr,
                SearchablePdf = options.PdfOutput is not null,
            };
            var progress = new CliProgress(stderr, bar, options.Files);
            using var slots = new SemaphoreSlim(MaxInFlight);
            Task<CliFileResult>[] runs = [.. options.Files.Select((file, index) => RunOneAsync(client, file, index, requirements, progress, slots))];

            var results = new List<CliFileResult>(runs.Length);
            int failures = 0;
            bool connectionLost = false;
            foreach ((Task<CliFileResult> run, string file) in runs.Zip(options.Files))
            {
                CliFileResult result = await run.ConfigureAwait(false);
                results.Add(result);
                connectionLost |= result.ErrorKind == ConnectionErrorKind;
                progress.Above(() =>
                {
                    if (result.Error is not null)
                    {
                        failures++;
                        stderr.WriteLine($"maoocr: {file}: {result.Error}");
                    }
                    else if (!options.Json)
                    {
                        if (options.Files.Count > 1)
                        {
                            stdout.WriteLine($"==> {file} <==");
                        }
                        stdout.WriteLine(result.Text);
                    }
                });
            }
            progress.Finish();
            if (options.PdfOutput is not null && results.Count == 1 && results[0].SearchablePdf is { } pdf)
            {
                await File.WriteAllBytesAsync(options.PdfOutput, pdf).ConfigureAwait(false);
            }
            if (options.Json)
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(results, CliJsonContext.Default.ListCliFileResult)).ConfigureAwait(false);
            }
            // Losing the appliance is a setup problem, not a problem with the files.
            return connectionLost ? CommandLine.UsageError : failures == 0 ? CommandLine.Success : CommandLine.InputFailed;
        }
    }

    private const string ConnectionErrorKind = "connection";

    private static async Task<CliFileResult> RunOneAsync(MaoOcrClient client, string file, int index, OcrRequestOptions requirements, CliProgress progress, SemaphoreSlim slots)
    {
        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                progress.Done(index);
                return Failure(file, e.Message, "unreadable");
            }
            if (bytes.Length == 0)
            {
                progress.Done(index);
                return Failure(file, "The file is empty.", "invalid_image");
            }
            try
            {
                await foreach (OcrEvent ocrEvent in client.StreamAsync(bytes, requirements).ConfigureAwait(false))
                {
                    switch (ocrEvent)
                    {
                        case OcrStarted started:
                            progress.Queued(index, started.QueuePosition);
                            break;
                        case OcrProgress step:
                            progress.Report(index, step.Stage, step.Percent);
                            break;
                        case OcrCompleted completed when completed.Result is { } result:
                            progress.Done(index);
                            return Success(file, result) with { SearchablePdf = result.SearchablePdf };
                        case OcrFailed { Error: OcrServerException server }:
                            progress.Done(index);
                            return Failure(file, server.Message, server.WireCode);
                        case OcrFailed failed:
                            progress.Done(index);
                            return Failure(file, failed.Error.Message, ConnectionErrorKind);
                    }
                }
                return Failure(file, "The appliance sent no answer.", ConnectionErrorKind);
            }
            catch (Exception e) when (e is MaoOcrConnectionException or ArgumentException)
            {
                progress.Done(index);
                // ArgumentException: over the appliance's message limit, refused before sending.
                return Failure(file, e.Message, e is ArgumentException ? "image_too_large" : ConnectionErrorKind);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    private static CliFileResult Success(string file, OcrResult r)
    {
        CliLine[] lines = [.. r.Lines.Select(l => new CliLine(l.Text, (float)l.Confidence, [.. l.Box.Select(p => new[] { p.X, p.Y })]))];
        var t = new StageTimings(r.Timings.DecodeMs, r.Timings.DetectionMs, r.Timings.ClassificationMs, r.Timings.RecognitionMs, r.Timings.TotalMs, r.Timings.InferenceMs);
        if (r.PageCount > 0)
        {
            CliPage[] pages = [.. r.Pages.Select(p => new CliPage(p.Page, p.Source == OcrPageSource.TextLayer ? "text_layer" : "ocr", p.Dpi, p.Width, p.Height, p.Text,
                [.. p.Lines.Select(l => new CliLine(l.Text, (float)l.Confidence, [.. l.Box.Select(q => new[] { q.X, q.Y })]))]))];
            return new CliFileResult(file, null, null, r.Text, null, null, null, null) { Pages = pages };
        }
        return new CliFileResult(file, r.Width, r.Height, r.Text, lines, t, null, null);
    }

    private static CliFileResult Failure(string file, string error, string kind) => new(file, null, null, null, null, null, error, kind);

    private static OcrLanguage Language(RecognitionLanguage language) => language switch
    {
        RecognitionLanguage.Chinese => OcrLanguage.Chinese,
        RecognitionLanguage.English => OcrLanguage.English,
        _ => OcrLanguage.Auto,
    };

    private static OcrAccuracy Accuracy(RecognitionAccuracy accuracy) => accuracy switch
    {
        RecognitionAccuracy.Fast => OcrAccuracy.Fast,
        RecognitionAccuracy.High => OcrAccuracy.High,
        _ => OcrAccuracy.Balanced,
    };
}
