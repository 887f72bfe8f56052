namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>Which WebSocket implementation serves the echo, and how.</summary>
internal enum EchoImplementation
{
    /// <summary>Our layer (src/WebSockets) on Kestrel's connection pipes.</summary>
    MaoOcr,

    /// <summary>ASP.NET Core's <c>UseWebSockets</c> and <c>AcceptWebSocketAsync</c>.</summary>
    AspNet,
}

/// <summary>Command line of the echo server: <c>--impl ours|aspnet --port N (0: any free port) [--deflate on|off] [--threshold BYTES] [--scheduling default|inline] [--trace-allocations]</c>.</summary>
/// <param name="InlineScheduling">
/// Kestrel's <c>UnsafePreferInlineScheduling</c>: the socket transport runs the pipes' continuations, and so the echo
/// itself, on the thread that completed the socket operation instead of queueing them to the thread pool. The same
/// setting for both implementations; it takes full effect with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>.
/// </param>
internal sealed record EchoOptions(EchoImplementation Implementation, int Port, bool Deflate, int? CompressionThreshold, bool TraceAllocations, bool InlineScheduling = false)
{
    /// <summary>The one path both implementations serve their echo on.</summary>
    public const string EchoPath = "/echo";

    /// <summary>The largest message either implementation echoes: 16 MiB, our layer's default and Autobahn 9.x's largest.</summary>
    public const long MaxMessageBytes = 16 * 1024 * 1024;

    public const string Usage = "usage: TransportEcho --impl ours|aspnet --port N (0: any free port) [--deflate on|off] [--threshold BYTES] [--scheduling default|inline] [--trace-allocations]";

    /// <summary>Parses the arguments; returns null and an error message when they are not understood.</summary>
    public static EchoOptions? TryParse(string[] args, out string? error)
    {
        EchoImplementation? implementation = null;
        int? port = null;
        bool deflate = true;
        int? threshold = null;
        bool trace = false;
        bool inline = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--trace-allocations")
            {
                trace = true;
                continue;
            }
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--impl" when value is "ours":
                    implementation = EchoImplementation.MaoOcr;
                    break;
                case "--impl" when value is "aspnet":
                    implementation = EchoImplementation.AspNet;
                    break;
                case "--port" when int.TryParse(value, out int p) && p is >= 0 and < 65536:
                    port = p;
                    break;
                case "--deflate" when value is "on" or "off":
                    deflate = value == "on";
                    break;
                case "--scheduling" when value is "default" or "inline":
                    inline = value == "inline";
                    break;
                case "--threshold" when int.TryParse(value, out int t) && t >= 0:
                    threshold = t;
                    break;
                default:
                    error = $"not understood: {args[i]} {value}";
                    return null;
            }
            i++;
        }
        if (implementation is null || port is null)
        {
            error = "--impl and --port are required";
            return null;
        }
        error = null;
        return new EchoOptions(implementation.Value, port.Value, deflate, threshold, trace, inline);
    }
}
