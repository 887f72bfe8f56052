using System.Globalization;
using System.Net;
using MaoOcr.Appliance.Configuration;
using MaoOcr.Appliance.Hosting;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>
/// The flags of <c>maoocr serve</c>, read strictly: an unknown or misspelt option, a value that is not what the option
/// takes, or a file that is not there is refused before anything starts, with one line that names it. What is accepted
/// becomes settings (<c>Server:Port</c>…) that rank above appsettings.json and the environment.
/// </summary>
internal sealed class ServeArguments
{
    /// <summary>The sections a <c>--Section:Key value</c> option may set (the appliance's settings; README).</summary>
    private static readonly string[] s_sections = ["Server", "Inference", "Queue", "Cache", "Protocol", "Logging"];

    private static readonly string[] s_devices = ["auto", "cpu", "cuda", "tensorrt"];

    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Help { get; private set; }

    /// <summary>Parses <paramref name="args"/>; on failure returns false with one line in <paramref name="error"/>.</summary>
    public static bool TryParse(ReadOnlySpan<string> args, out ServeArguments parsed, out string? error)
    {
        parsed = new ServeArguments();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                parsed.Help = true;
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                error = $"unexpected argument '{arg}': serve takes only options (see maoocr serve --help).";
                return false;
            }
            // --name value, or --name=value.
            string name = arg, value;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                error = $"{name} needs a value.";
                return false;
            }
            if (!parsed.TryAdd(name, value, out error))
            {
                return false;
            }
        }
        error = null;
        return true;
    }

    private bool TryAdd(string name, string value, out string? error)
    {
        error = null;
        switch (name)
        {
            case "--host":
                return Set(name, "Server:Host", value, ListenUrls.TryHost(value, out _), "an IP address of this box (0.0.0.0, ::, 127.0.0.1, localhost)", out error);
            case "--port":
                return Set(name, "Server:Port", value, int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= IPEndPoint.MaxPort, "a TCP port (1 to 65535; 0 picks a free one)", out error);
            case "--threads":
            case "--workers":
                return Set(name, ApplianceHost.Flags[name], value, int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _), "a count (0 = one per core)", out error);
            case "--device":
                return Set(name, "Inference:Device", value, s_devices.Contains(value, StringComparer.OrdinalIgnoreCase), "auto, cpu, cuda or tensorrt", out error);
            case "--tls-cert":
            case "--tls-key":
            case "--ort-library":
                return Set(name, ApplianceHost.Flags[name], value, File.Exists(value), "a file that exists", out error);
            case "--models":
                return Set(name, "Inference:ModelsDirectory", value, Directory.Exists(value), "a folder that exists", out error);
            case "--token":
                return Set(name, "Server:ApiToken", value, value.Length > 0, "a non-empty token", out error);
            case "--log-format":
                return Set(name, "Logging:Format", value, LogFormats.IsKnown(value), "simple, json or systemd", out error);
            case "--urls":
                bool https = value.TrimStart().StartsWith("https:", StringComparison.OrdinalIgnoreCase);
                if (!ListenUrls.TryParse(value, "--urls", https, out string host, out int urlPort, out error))
                {
                    return false;
                }
                Settings["Server:Host"] = host;
                Settings["Server:Port"] = urlPort.ToString(CultureInfo.InvariantCulture);
                // Checked against the final TLS settings (appsettings.json may hold the certificate) when the appliance is built.
                Settings["Server:ListenScheme"] = https ? "https" : "http";
                return true;
            default:
                // Any setting by its full name, as in appsettings.json: --Queue:MaxQueued 128.
                string key = name[2..];
                int colon = key.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && colon < key.Length - 1 && s_sections.Contains(key[..colon], StringComparer.OrdinalIgnoreCase))
                {
                    Settings[key] = value;
                    return true;
                }
                error = $"unknown option {name} (see maoocr serve --help).";
                return false;
        }
    }

    private bool Set(string option, string key, string value, bool valid, string expected, out string? error)
    {
        if (!valid)
        {
            error = $"{option} takes {expected}, not '{value}'.";
            return false;
        }
        Settings[key] = value;
        error = null;
        return true;
    }
}
