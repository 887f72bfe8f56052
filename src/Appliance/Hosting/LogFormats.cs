namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// <c>Logging:Format</c> (<c>--log-format</c>): how log entries are written to the console. <c>simple</c> for a person
/// at a terminal; <c>json</c>, one JSON object a line, for log shippers; <c>systemd</c>, one line an entry led by its
/// syslog priority, for the journal. Unset: <c>systemd</c> when started by systemd with stdout on the journal
/// (<c>JOURNAL_STREAM</c>), else <c>simple</c>.
/// </summary>
public static class LogFormats
{
    public const string Simple = "simple";
    public const string Json = "json";
    public const string Systemd = "systemd";

    public static bool IsKnown(string value) => value.ToLowerInvariant() is Simple or Json or Systemd;

    /// <exception cref="ArgumentException"><paramref name="format"/> is not one of the three.</exception>
    internal static void Apply(ILoggingBuilder logging, string? format, bool journal)
    {
        string chosen = string.IsNullOrWhiteSpace(format) ? (journal ? Systemd : Simple) : format.Trim().ToLowerInvariant();
        switch (chosen)
        {
            case Simple:
                // The host's default console logger.
                break;
            case Json:
                logging.ClearProviders();
                logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
                break;
            case Systemd:
                logging.ClearProviders();
                logging.AddSystemdConsole();
                break;
            default:
                throw new ArgumentException($"Logging:Format '{format}' is not simple, json or systemd.");
        }
    }
}
