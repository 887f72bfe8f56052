using MaoOcr.Fleet.Driver;

// Usage: MaoOcr.Fleet.Driver --url ws://BALANCER/ws/ocr --fixtures DIR [--token TOKEN] [--clients N]
// Each client holds one connection through the balancer and sends the fixtures' one-line images in turn, one request
// at a time, until a line "stop" arrives on stdin (or stdin closes). Prints "answered N" as answers arrive and one
// "summary {json}" line at the end; the fleet script asserts on the summary.
DriverArguments arguments;
try
{
    arguments = DriverArguments.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync("usage: MaoOcr.Fleet.Driver --url URL --fixtures DIR [--token TOKEN] [--clients N]");
    return 2;
}

var ledger = new AnswerLedger();
using var stop = new CancellationTokenSource();
LoadClient[] clients = [.. Enumerable.Range(1, arguments.Clients).Select(n => new LoadClient($"dotnet-{n}", arguments, ledger))];
Task[] running = [.. clients.Select(c => c.RunAsync(stop.Token))];

_ = Task.Run(async () =>
{
    while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line && line.Trim() != "stop")
    {
    }
    await stop.CancelAsync().ConfigureAwait(false);
});

await Task.WhenAll(running);
Console.WriteLine($"summary {ledger.ToJson()}");
return 0;
