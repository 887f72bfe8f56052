using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace MaoOcr.Appliance.Tests.Tools;

/// <summary>
/// The end-to-end load tool (benchmarks/EndToEnd) against the real appliance for a few requests: it measures answers, not
/// errors. The test runs the built tool as a process, as a performance engineer does, rather than referencing it.
/// </summary>
public sealed class LoadToolSmokeTests : IClassFixture<ApplianceFixture>
{
    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(3);

    private readonly RunningAppliance _appliance;

    public LoadToolSmokeTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Theory]
    [InlineData("--binary")]
    [InlineData("--text")]
    public async Task Two_clients_get_answers_and_no_errors_and_stop_at_the_request_limit(string form)
    {
        using var folder = new TempDirectory();
        await File.WriteAllBytesAsync(folder.Combine("a.png"), TextImageRenderer.RenderLines(["Load tool smoke 1"]).Bytes);
        await File.WriteAllBytesAsync(folder.Combine("b.png"), TextImageRenderer.RenderLines(["Load tool smoke 2"]).Bytes);
        await File.WriteAllTextAsync(folder.Combine("notes.txt"), "not an image: skipped");

        // Ends after four answers (a second or two on an idle box); the duration only bounds a run on a loaded one.
        (int exitCode, string stdout, string stderr) = await RunToolAsync(
            "--url", OcrSocket.Uri(_appliance).ToString(), "--images", folder.FullPath, "--clients", "2", "--duration", "60",
            "--warmup", "0", "--requests", "4", form, "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        using JsonDocument report = JsonDocument.Parse(stdout);
        JsonElement root = report.RootElement;
        int completed = root.GetProperty("completed").GetInt32();
        Assert.Equal(2, root.GetProperty("images").GetInt32());
        Assert.True(completed > 0, stdout);
        Assert.Empty(root.GetProperty("errors").EnumerateObject());
        Assert.Equal(0, root.GetProperty("failed").GetInt32());
        Assert.True(root.GetProperty("images_per_second").GetDouble() > 0, stdout);
        double p50 = root.GetProperty("p50_ms").GetDouble(), p90 = root.GetProperty("p90_ms").GetDouble();
        double p99 = root.GetProperty("p99_ms").GetDouble(), max = root.GetProperty("max_ms").GetDouble();
        Assert.True(p50 <= p90 && p90 <= p99 && p99 <= max, stdout);
        // The limit stops both clients; the other one's answer may land as it is reached.
        Assert.True(completed <= 4 + 1, stdout);
    }

    [Fact]
    public async Task A_client_series_prints_one_labelled_json_line_per_pass_in_order()
    {
        using TempDirectory folder = await FolderWithOneImageAsync("Load tool series");

        (int exitCode, string stdout, string stderr) = await RunToolAsync(
            "--url", OcrSocket.Uri(_appliance).ToString(), "--images", folder.FullPath, "--clients", "1,2", "--duration", "60",
            "--warmup", "0", "--requests", "2", "--label", "smoke", "--json");

        Assert.True(exitCode == 0, $"exit {exitCode}: {stderr}");
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            using JsonDocument pass = JsonDocument.Parse(lines[i]);
            Assert.Equal("smoke", pass.RootElement.GetProperty("label").GetString());
            Assert.Equal(i + 1, pass.RootElement.GetProperty("clients").GetInt32());
            Assert.True(pass.RootElement.GetProperty("completed").GetInt32() > 0, lines[i]);
        }
    }

    [Fact]
    public async Task A_pass_that_cannot_finish_inside_the_time_limit_is_reported_as_skipped_and_not_run()
    {
        using TempDirectory folder = await FolderWithOneImageAsync("Load tool limit");

        // 60 s windows inside a 5 s limit: nothing may start, so nothing is answered (exit 1), and the script still gets a line per pass.
        (int exitCode, string stdout, string stderr) = await RunToolAsync(
            "--url", OcrSocket.Uri(_appliance).ToString(), "--images", folder.FullPath, "--clients", "8,32", "--duration", "60",
            "--time-limit", "5", "--label", "limited", "--json");

        Assert.Equal(1, exitCode);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal(8, first.RootElement.GetProperty("clients").GetInt32());
        Assert.StartsWith("time limit", first.RootElement.GetProperty("skipped").GetString(), StringComparison.Ordinal);
        Assert.Contains("not run", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr", "--images", ".", "--clients", "1,0")]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr", "--images", ".", "--time-limit", "0")]
    [InlineData("--url", "ws://192.0.2.1:8080/ws/ocr", "--images", ".")]
    [InlineData("--url", "http://127.0.0.1:8080/ws/ocr", "--images", ".")]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr")]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr", "--images", ".", "--clients", "0")]
    public async Task Bad_command_lines_are_refused_with_a_reason(params string[] args)
    {
        (int exitCode, string stdout, string stderr) = await RunToolAsync(args);
        Assert.Equal(2, exitCode);
        Assert.Empty(stdout);
        Assert.StartsWith("maoocr-load: ", stderr, StringComparison.Ordinal);
        Assert.True(stderr.Split('\n')[0].Length > "maoocr-load: ".Length, stderr);
    }

    private static async Task<TempDirectory> FolderWithOneImageAsync(string text)
    {
        var folder = new TempDirectory();
        await File.WriteAllBytesAsync(folder.Combine("a.png"), TextImageRenderer.RenderLines([text]).Bytes);
        return folder;
    }

    /// <summary>Runs the load tool built by the solution build, in this test assembly's configuration.</summary>
    private static async Task<(int ExitCode, string StandardOutput, string StandardError)> RunToolAsync(params string[] args)
    {
        string configuration = typeof(LoadToolSmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string tool = Path.Combine(RepositoryPaths.Root, "benchmarks", "EndToEnd", "bin", configuration, "net10.0", "maoocr-load.dll");
        Assert.True(File.Exists(tool), $"{tool} is missing: build MaoOcr.sln ({configuration}) first.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the load tool.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(s_runLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output, await error);
    }
}
