using System.Net;

namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>Builds the echo server for <see cref="EchoOptions"/>: <c>/echo</c> over the chosen implementation, <c>/stats</c>, and <c>/allocations</c> when traced.</summary>
internal static class EchoServer
{
    /// <param name="options">What to serve; port 0 picks a free port (the smoke test's choice).</param>
    /// <param name="allocations">The allocation trace behind GET /allocations, or null.</param>
    public static WebApplication Build(EchoOptions options, AllocationTrace? allocations)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (options.InlineScheduling)
        {
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.Implementation == EchoImplementation.MaoOcr)
            {
                MaoOcrEcho.Listen(kestrel, options);
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
        return app;
    }
}
