using System.Globalization;
using System.Net;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>The command line of maoocr-load. Every run is bounded: by <see cref="Duration"/>, and by <see cref="MaxRequests"/> when set.</summary>
internal sealed record LoadOptions
{
    public const string Usage =
        "usage: maoocr-load --url ws://127.0.0.1:PORT/ws/ocr --images DIR [--clients N[,N...]] [--duration S] [--warmup S] [--requests N]\n"
        + "                   [--binary | --text] [--token T] [--language auto|ch|en] [--accuracy fast|balanced|high] [--timeout S]\n"
        + "                   [--time-limit S] [--label NAME] [--json]\n"
        + "       maoocr-load --soak --url ws://127.0.0.1:PORT/ws/ocr --images DIR [--clients N] [--duration S] [--seed N]\n"
        + "                   [--server-pid PID] [--timeout S] [--token T] [--label NAME] [--json]";

    /// <summary>Soak clients when <c>--clients</c> is not given: the 64, a classroom of phones.</summary>
    public const int SoakDefaultClients = 64;

    /// <summary>Soak length when <c>--duration</c> is not given: 10 minutes, long enough for a leak to show over the noise.</summary>
    public static readonly TimeSpan SoakDefaultDuration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a soak request may go unanswered when <c>--timeout</c> is not given: the appliance's own limit (120 s,
    /// queue wait included, docs/protocol.md) plus room for its <c>timeout</c> answer to arrive, so a slow answer is
    /// told apart from a missing one.
    /// </summary>
    public static readonly TimeSpan SoakDefaultTimeout = TimeSpan.FromSeconds(180);

    /// <summary>Most clients one run may open: a hundred phones in a room, with headroom.</summary>
    public const int MaxClients = 1024;

    /// <summary>Longest measured window, in seconds: a load test, not a soak test.</summary>
    public const int MaxDurationSeconds = 3600;

    public required Uri Url { get; init; }

    public required string ImagesDirectory { get; init; }

    /// <summary>Concurrent connections of the pass being run, each with one request in flight at a time.</summary>
    public int Clients { get; init; } = 1;

    /// <summary>One pass per count, in order (<c>--clients 1,8,32</c>); <see cref="Clients"/> is set to each in turn.</summary>
    public IReadOnlyList<int> ClientCounts { get; init; } = [1];

    /// <summary>
    /// The most the whole series may take; a pass that could not finish inside what is left is not started (and is
    /// reported as skipped). Null: no limit but each pass's own bound.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Copied into every report, so that lines from several runs (GPU, CPU) can be told apart.</summary>
    public string? Label { get; init; }

    /// <summary>The measured window.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Run before the measured window; its requests are not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Measured requests across all clients after which the run ends early; 0 for no limit but the duration.</summary>
    public int MaxRequests { get; init; }

    /// <summary>The protocol's binary form (default), or base64 in JSON text messages.</summary>
    public bool Binary { get; init; } = true;

    public string? Token { get; init; }

    public string Language { get; init; } = "auto";

    public string Accuracy { get; init; } = "balanced";

    /// <summary>How long one request may take before the client gives up on it (and on its connection); the run's end stops it sooner.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public bool Json { get; init; }

    /// <summary>Soak mode (<c>--soak</c>): a mix of good, bad, cancelled and vanishing clients, checked answer by answer.</summary>
    public bool Soak { get; init; }

    /// <summary>Seeds each soak client's random mix (client i uses seed + i), so a run's sequence of actions repeats.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The appliance's process, sampled from /proc during a soak; null when the soak finds it by the URL's port.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong.</summary>
    public static LoadOptions? Parse(string[] args, out string? error)
    {
        error = null;
        Uri? url = null;
        string? images = null;
        var options = new LoadOptions { Url = new Uri("ws://127.0.0.1/"), ImagesDirectory = string.Empty };
        bool clientsGiven = false, durationGiven = false, timeoutGiven = false;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--url" when Uri.TryCreate(Value(), UriKind.Absolute, out Uri? u):
                    url = u;
                    break;
                case "--images" when Value() is string directory:
                    images = directory;
                    break;
                case "--clients" when ClientList(Value(), out int[] counts):
                    options = options with { Clients = counts[0], ClientCounts = counts };
                    clientsGiven = true;
                    break;
                case "--time-limit" when Seconds(Value(), 24 * 3600, out TimeSpan limit) && limit > TimeSpan.Zero:
                    options = options with { TimeLimit = limit };
                    break;
                case "--label" when Value() is { Length: > 0 } label:
                    options = options with { Label = label };
                    break;
                case "--duration" when Seconds(Value(), MaxDurationSeconds, out TimeSpan duration) && duration > TimeSpan.Zero:
                    options = options with { Duration = duration };
                    durationGiven = true;
                    break;
                case "--warmup" when Seconds(Value(), 600, out TimeSpan warmup):
                    options = options with { Warmup = warmup };
                    break;
                case "--requests" when PositiveInt(Value(), int.MaxValue, out int requests):
                    options = options with { MaxRequests = requests };
                    break;
                case "--timeout" when Seconds(Value(), 3600, out TimeSpan timeout) && timeout > TimeSpan.Zero:
                    options = options with { RequestTimeout = timeout };
                    timeoutGiven = true;
                    break;
                case "--soak":
                    options = options with { Soak = true };
                    break;
                case "--seed" when int.TryParse(Value(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int seed):
                    options = options with { Seed = seed };
                    break;
                case "--server-pid" when PositiveInt(Value(), int.MaxValue, out int pid):
                    options = options with { ServerPid = pid };
                    break;
                case "--token" when Value() is string token:
                    options = options with { Token = token };
                    break;
                case "--language" when Value() is "auto" or "ch" or "en" or "zh":
                    options = options with { Language = args[i] };
                    break;
                case "--accuracy" when Value() is "fast" or "balanced" or "high":
                    options = options with { Accuracy = args[i] };
                    break;
                case "--binary":
                    options = options with { Binary = true };
                    break;
                case "--text":
                    options = options with { Binary = false };
                    break;
                case "--json":
                    options = options with { Json = true };
                    break;
                default:
                    error = $"bad or incomplete argument '{arg}'";
                    return null;
            }
        }
        if (url is null || images is null)
        {
            error = "--url and --images are required";
            return null;
        }
        if (url.Scheme is not ("ws" or "wss"))
        {
            error = $"--url must be ws:// or wss://, not {url.Scheme}://";
            return null;
        }
        if (!IsLoopback(url))
        {
            error = $"--url must name this machine (127.0.0.1, ::1 or localhost), not {url.Host}: the load tool only loads a local appliance";
            return null;
        }
        if (options.Soak)
        {
            if (options.ClientCounts.Count > 1)
            {
                error = "--soak runs one client count, not a list";
                return null;
            }
            int clients = clientsGiven ? options.Clients : SoakDefaultClients;
            options = options with
            {
                Clients = clients,
                ClientCounts = [clients],
                Duration = durationGiven ? options.Duration : SoakDefaultDuration,
                RequestTimeout = timeoutGiven ? options.RequestTimeout : SoakDefaultTimeout,
            };
        }
        return options with { Url = url, ImagesDirectory = images };
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out IPAddress? address) && IPAddress.IsLoopback(address));

    /// <summary>"8" or "1,8,32": each between 1 and <see cref="MaxClients"/>.</summary>
    private static bool ClientList(string? text, out int[] counts)
    {
        counts = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        string[] parts = text.Split(',');
        var parsed = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!PositiveInt(parts[i], MaxClients, out parsed[i]))
            {
                return false;
            }
        }
        counts = parsed;
        return true;
    }

    private static bool PositiveInt(string? text, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max;

    private static bool Seconds(string? text, int max, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) || seconds < 0 || seconds > max)
        {
            return false;
        }
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
