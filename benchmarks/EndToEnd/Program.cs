using System.Text.Json;
using MaoOcr.Benchmarks.EndToEnd;

// maoocr-load: N WebSocket clients against a running appliance on this machine; throughput and latency percentiles.
// The figures go to stdout (text, or JSON with --json); problems to stderr. See README.md.

LoadOptions? options = LoadOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine($"maoocr-load: {error}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
ImageSet images;
try
{
    images = ImageSet.Load(options.ImagesDirectory);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"maoocr-load: {e.Message}");
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
LoadReport report = await LoadRun.RunAsync(options, images, interrupted.Token);
Console.Out.Write(options.Json ? JsonSerializer.Serialize(report, LoadJsonContext.Default.LoadReport) + "\n" : report.ToText());
// Exit 1 when nothing was answered, so that scripts notice a run that measured nothing.
return report.Completed > 0 ? 0 : 1;
