using System.Net;
using MaoOcr.Benchmarks.TransportEcho;

EchoOptions? options = EchoOptions.TryParse(args, out string? error);
if (options is null)
{
    await Console.Error.WriteLineAsync($"{error}\n{EchoOptions.Usage}").ConfigureAwait(false);
    return 2;
}

using AllocationTrace? allocations = options.TraceAllocations ? new AllocationTrace() : null;
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    if (options.Implementation == EchoImplementation.Ours)
    {
        OurEcho.Listen(kestrel, options);
    }
    else
    {
        kestrel.Listen(IPAddress.Loopback, options.Port);
    }
});

WebApplication app = builder.Build();
if (options.Implementation == EchoImplementation.AspNet)
{
    app.UseWebSockets();
}
app.Run(context =>
{
    if (context.Request.Path == StatsEndpoint.Path)
    {
        return StatsEndpoint.WriteAsync(context);
    }
    if (context.Request.Path == "/allocations" && allocations is not null)
    {
        return context.Response.WriteAsync(allocations.Report());
    }
    if (options.Implementation == EchoImplementation.AspNet && context.Request.Path == EchoOptions.EchoPath && context.WebSockets.IsWebSocketRequest)
    {
        return AspNetEcho.RunAsync(context, options);
    }
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
});

await app.StartAsync().ConfigureAwait(false);
Console.WriteLine($"TransportEcho: {options.Implementation} on ws://127.0.0.1:{options.Port}{EchoOptions.EchoPath} (permessage-deflate {(options.Deflate ? "on" : "off")})");
await app.WaitForShutdownAsync().ConfigureAwait(false);
return 0;
