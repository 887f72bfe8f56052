using MaoOcr.Benchmarks.TransportEcho;

EchoOptions? options = EchoOptions.TryParse(args, out string? error);
if (options is null)
{
    await Console.Error.WriteLineAsync($"{error}\n{EchoOptions.Usage}").ConfigureAwait(false);
    return 2;
}

using AllocationTrace? allocations = options.TraceAllocations ? new AllocationTrace() : null;
WebApplication app = EchoServer.Build(options, allocations);
await app.StartAsync().ConfigureAwait(false);
Console.WriteLine($"TransportEcho: {options.Implementation} on ws://127.0.0.1:{options.Port}{EchoOptions.EchoPath} (permessage-deflate {(options.Deflate ? "on" : "off")}, {(options.InlineScheduling ? "inline" : "default")} scheduling)");
await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
