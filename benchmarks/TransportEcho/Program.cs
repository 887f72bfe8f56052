using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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
// The bound address, not the asked-for port: with --port 0 this line is how a caller (the smoke test) learns where to connect.
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
Console.WriteLine($"TransportEcho: {options.Implementation} on {address.Replace("http://", "ws://", StringComparison.Ordinal)}{EchoOptions.EchoPath} (permessage-deflate {(options.Deflate ? "on" : "off")}, {(options.InlineScheduling ? "inline" : "default")} scheduling)");
await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
