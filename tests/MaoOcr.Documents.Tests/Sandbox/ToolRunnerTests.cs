using System.Diagnostics;
using System.Text;
using MaoOcr.Documents.Sandbox;

namespace MaoOcr.Documents.Tests.Sandbox;

/// <summary>The sandbox the PDF tools run in, checked with ordinary programs whose behaviour is known.</summary>
public sealed class ToolRunnerTests : IDisposable
{
    private static readonly ToolLimits s_limits = new(TimeSpan.FromSeconds(10), 512L * 1024 * 1024, 1024 * 1024);
    private readonly string _directory = Directory.CreateTempSubdirectory("maoocr-tool-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_kernel_limits_are_applied_to_the_tool()
    {
        Assert.True(ToolRunner.LimitsAvailable, "util-linux's prlimit is needed (Debian: util-linux).");
        var runner = new ToolRunner(isolateNetwork: false);
        ToolResult result = runner.Run("/bin/sh", ["-c", "ulimit -v; ulimit -n; ulimit -f; ulimit -t"], _directory, s_limits, CancellationToken.None);
        Assert.True(result.Succeeded, result.Errors);
        // ulimit -v is in KiB; -t is the CPU seconds: the wall time plus one.
        Assert.Equal(["524288", "64", "0", "11"], Encoding.ASCII.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_tool_that_allocates_past_its_memory_limit_fails_inside_itself()
    {
        var runner = new ToolRunner(isolateNetwork: false);
        var small = s_limits with { MemoryBytes = 64L * 1024 * 1024 };
        // Python's interpreter itself fits in 64 MiB; a 200 MB buffer does not.
        ToolResult result = runner.Run("/usr/bin/python3", ["-c", "b = bytearray(200_000_000)"], _directory, small, CancellationToken.None);
        Assert.Equal(ToolOutcome.Exited, result.Outcome);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("MemoryError", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_has_no_network_when_isolation_is_asked_for()
    {
        Assert.True(ToolRunner.NetworkIsolationAvailable, "unprivileged user namespaces are refused on this machine; the sandbox cannot isolate the network.");
        var runner = new ToolRunner(isolateNetwork: true);
        ToolResult result = runner.Run("/bin/cat", ["/proc/net/dev"], _directory, s_limits, CancellationToken.None);
        Assert.True(result.Succeeded, result.Errors);
        // Two header lines, then one line per interface: only the namespace's own loopback, which is down.
        string[] interfaces = Encoding.ASCII.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[2..];
        Assert.Equal(["lo"], interfaces.Select(l => l.Split(':')[0].Trim()));
    }

    [Fact]
    public void The_environment_holds_nothing_of_ours()
    {
        Environment.SetEnvironmentVariable("MAOOCR_SECRET_FOR_TEST", "token");
        var runner = new ToolRunner(isolateNetwork: false);
        ToolResult result = runner.Run("/usr/bin/env", [], _directory, s_limits, CancellationToken.None);
        string[] names = Encoding.ASCII.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=')[0]).Order().ToArray();
        Assert.Equal(["HOME", "LC_ALL", "PATH"], names);
    }

    [Fact]
    public void A_tool_that_hangs_is_killed_at_its_wall_time()
    {
        var runner = new ToolRunner(isolateNetwork: false);
        var started = Stopwatch.StartNew();
        ToolResult result = runner.Run("/bin/sleep", ["30"], _directory, s_limits with { WallTime = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        Assert.Equal(ToolOutcome.TimedOut, result.Outcome);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), "the tool was not killed");
    }

    [Fact]
    public void A_tool_that_writes_without_end_is_killed_at_the_output_limit()
    {
        var runner = new ToolRunner(isolateNetwork: false);
        ToolResult result = runner.Run("/bin/cat", ["/dev/zero"], _directory, s_limits, CancellationToken.None);
        Assert.Equal(ToolOutcome.OutputTooLarge, result.Outcome);
        Assert.True(result.Output.Length <= s_limits.MaxOutputBytes);
    }

    [Fact]
    public void Cancelling_kills_the_tool()
    {
        var runner = new ToolRunner(isolateNetwork: false);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        ToolResult result = runner.Run("/bin/sleep", ["30"], _directory, s_limits, cancel.Token);
        Assert.Equal(ToolOutcome.Cancelled, result.Outcome);
    }

    [Fact]
    public void A_tool_that_crashes_is_reported_by_its_signal()
    {
        var runner = new ToolRunner(isolateNetwork: false);
        ToolResult result = runner.Run("/bin/sh", ["-c", "kill -SEGV $$"], _directory, s_limits, CancellationToken.None);
        Assert.Equal(ToolOutcome.Exited, result.Outcome);
        Assert.Equal(128 + 11, result.ExitCode);
    }
}
