using System.Diagnostics;
using System.Globalization;
using MaoOcr.EdgeServer.Tests.Aot;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// Under systemd (JOURNAL_STREAM set) the published binary writes each log entry as one line led by its syslog priority,
/// so journalctl shows and filters the levels (<c>journalctl -u maoocr -p warning</c>).
/// </summary>
public sealed class JournalLoggingTests : IClassFixture<PublishedBinaryTests.Binary>
{
    private readonly PublishedBinaryTests.Binary _binary;

    public JournalLoggingTests(PublishedBinaryTests.Binary binary) => _binary = binary;

    [Fact]
    public async Task Under_systemd_each_log_line_carries_its_syslog_priority()
    {
        using var home = new TempDirectory();
        var start = new ProcessStartInfo(_binary.Path, ["serve"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["JOURNAL_STREAM"] = "8:12345";
        start.Environment["HOME"] = home.FullPath;
        // A models folder that is not there: the engine fails to load, which is logged as an error.
        start.Environment["MAOOCR_MODELS_DIR"] = home.Combine("no-models-here");
        start.Environment["MAOOCR__Server__Host"] = "127.0.0.1";
        start.Environment["MAOOCR__Server__Port"] = Loopback.UnusedPort().ToString(CultureInfo.InvariantCulture);
        using Process process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (await process.StandardOutput.ReadLineAsync(patience.Token) is string line)
            {
                lines.Add(line);
                if (line.Contains("could not be loaded", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        string log = string.Join('\n', lines);
        Assert.Contains(lines, l => l.StartsWith("<3>", StringComparison.Ordinal) && l.Contains("could not be loaded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("<6>", StringComparison.Ordinal));
        // One entry, one line: no continuation lines without a priority, and no terminal colours.
        Assert.All(lines, l => Assert.Matches("^<[0-7]>", l));
        Assert.DoesNotContain("\u001b[", log, StringComparison.Ordinal);
    }
}
