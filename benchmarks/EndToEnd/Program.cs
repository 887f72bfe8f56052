using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MaoOcr.Benchmarks.EndToEnd;
using MaoOcr.Benchmarks.EndToEnd.Soak;

// maoocr-load: N WebSocket clients against a running appliance on this machine; throughput and latency percentiles.
// One pass per client count (--clients 1,8,32), each printed as it ends: text, or one JSON line with --json. Problems go
// to stderr. With --soak, one long mixed run checked answer by answer, with the appliance's resources sampled; exit 1 when
// any check fails. See README.md.

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
if (options.Soak)
{
    SoakReport soak = await SoakRun.RunAsync(options, images, interrupted.Token);
    // A soak is watched by a person as well as read by a script: with --json the summary still goes to stderr.
    (options.Json ? Console.Error : Console.Out).Write(soak.ToText());
    if (options.Json)
    {
        Console.Out.Write(JsonSerializer.Serialize(soak, SoakJsonContext.Default.SoakReport) + "\n");
    }
    Console.Out.Flush();
    if (!soak.Passed)
    {
        Console.Error.WriteLine($"maoocr-load: soak failed: {string.Join(", ", soak.FailedChecks)}");
    }
    return soak.Passed ? 0 : 1;
}
long started = Stopwatch.GetTimestamp();
// A pass may take its warm-up and window plus the few seconds its clients need to close.
TimeSpan passBound = options.Warmup + options.Duration + TimeSpan.FromSeconds(5);
bool answered = false;
foreach (int clients in options.ClientCounts)
{
    TimeSpan left = options.TimeLimit is TimeSpan limit ? limit - Stopwatch.GetElapsedTime(started) : TimeSpan.MaxValue;
    if (interrupted.IsCancellationRequested || left < passBound)
    {
        string why = interrupted.IsCancellationRequested ? "interrupted" : string.Create(CultureInfo.InvariantCulture, $"time limit: needs {passBound.TotalSeconds:0} s, {Math.Max(left.TotalSeconds, 0):0} s left");
        var skipped = new SkippedPass(options.Label, clients, why);
        Console.Error.WriteLine($"maoocr-load: {clients} client(s) not run ({why})");
        if (options.Json)
        {
            Console.Out.Write(JsonSerializer.Serialize(skipped, LoadJsonContext.Default.SkippedPass) + "\n");
        }
        continue;
    }
    LoadReport report = await LoadRun.RunAsync(options with { Clients = clients }, images, interrupted.Token);
    answered |= report.Completed > 0;
    Console.Out.Write(options.Json ? JsonSerializer.Serialize(report, LoadJsonContext.Default.LoadReport) + "\n" : report.ToText() + "\n");
    Console.Out.Flush();
}
// Exit 1 when nothing was answered, so that scripts notice a run that measured nothing.
return answered ? 0 : 1;
