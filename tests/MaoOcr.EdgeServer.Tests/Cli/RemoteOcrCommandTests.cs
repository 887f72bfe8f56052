using System.Text.Json;

namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary><c>maoocr ocr --server</c> against the in-process appliance: the local mode's output and exit codes, with progress.</summary>
[Collection(RemoteAppliance.Name)]
public sealed class RemoteOcrCommandTests : IDisposable
{
    private readonly RunningAppliance _appliance;
    private readonly string _folder = Directory.CreateTempSubdirectory("maoocr-cli-").FullName;

    public RemoteOcrCommandTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Json_lists_every_file_in_order_and_a_failed_file_fails_only_itself()
    {
        RenderedImage page = TextImageRenderer.RenderLines(["Remote CLI 5120", "over the SDK"]);
        string good = Write("good.png", page.Bytes);
        string missing = Path.Combine(_folder, "missing.png");
        string truncated = Write("truncated.png", page.Bytes[..(page.Bytes.Length / 2)]);

        (int code, string stdout, string stderr) = await RunAsync("ocr", "--server", Server(), "--json", "--lang", "en", good, missing, truncated);

        Assert.Equal(CommandLine.InputFailed, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement[] files = [.. json.RootElement.EnumerateArray()];
        Assert.Equal([good, missing, truncated], files.Select(f => f.GetProperty("file").GetString()));
        string text = files[0].GetProperty("text").GetString()!;
        Assert.True(TextMetrics.CharacterErrorRate(page.Text, text) <= 0.05, text);
        Assert.Equal(page.Width, files[0].GetProperty("width").GetInt32());
        Assert.Equal(2, files[0].GetProperty("lines").GetArrayLength());
        Assert.Equal(4, files[0].GetProperty("lines")[0].GetProperty("box").GetArrayLength());
        Assert.True(files[0].GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
        Assert.False(files[0].TryGetProperty("error", out _));
        Assert.Equal("unreadable", files[1].GetProperty("error_kind").GetString());
        Assert.Equal("invalid_image", files[2].GetProperty("error_kind").GetString());

        // Errors name their files; stderr is not a terminal here, so progress comes as plain lines, no escape codes.
        Assert.Contains($"maoocr: {missing}: ", stderr, StringComparison.Ordinal);
        Assert.Contains($"maoocr: {truncated}: invalid_image: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain($"maoocr: {good}", stderr, StringComparison.Ordinal);
        Assert.Contains($"{good}: recognition", stderr, StringComparison.Ordinal);
        Assert.Contains($"{good}: done", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', stderr);
    }

    [Fact]
    public async Task Text_output_heads_each_file_like_the_local_mode_and_succeeds()
    {
        RenderedImage first = TextImageRenderer.RenderLines(["First remote file 8101"]);
        RenderedImage second = TextImageRenderer.RenderLines(["Second remote file 8102"]);
        string a = Write("a.png", first.Bytes), b = Write("b.png", second.Bytes);

        (int code, string stdout, _) = await RunAsync("ocr", a, b, "--server", Server(), "--accuracy", "fast");

        Assert.Equal(CommandLine.Success, code);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal($"==> {a} <==", lines[0]);
        Assert.True(TextMetrics.CharacterErrorRate(first.Text, lines[1]) <= 0.05, lines[1]);
        Assert.Equal($"==> {b} <==", lines[2]);
        Assert.True(TextMetrics.CharacterErrorRate(second.Text, lines[3]) <= 0.05, lines[3]);
    }

    [Fact]
    public async Task On_a_terminal_the_bar_is_redrawn_in_place_and_cleared_at_the_end()
    {
        string file = Write("bar.png", TextImageRenderer.RenderLines(["Progress bar 3141"]).Bytes);
        Assert.True(CliOptions.TryParse(["--server", Server(), file], out CliOptions options, out _));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        int code = await RemoteOcrCommand.RunAsync(options, stdout, stderr, terminal: true).WaitAsync(RemoteAppliance.Patience);

        Assert.Equal(CommandLine.Success, code);
        string drawn = stderr.ToString();
        Assert.Contains("\r\u001b[K[", drawn, StringComparison.Ordinal);
        Assert.Contains("100%  1/1", drawn, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', drawn);
        Assert.EndsWith("\r\u001b[K", drawn, StringComparison.Ordinal);
        Assert.Contains("Progress bar 3141", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_is_a_setup_error_naming_the_address()
    {
        string file = Write("x.png", TextImageRenderer.RenderLines(["Nobody listens"]).Bytes);
        string server = $"ws://127.0.0.1:{Loopback.UnusedPort()}";

        (int code, string stdout, string stderr) = await RunAsync("ocr", "--server", server, file);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Empty(stdout);
        Assert.Contains($"{server}/ws/ocr", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_address_that_is_not_ws_or_http_is_a_usage_error()
    {
        (int code, _, string stderr) = await RunAsync("ocr", "--server", "box:8080", "x.png");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("--server", stderr, StringComparison.Ordinal);
        Assert.Contains("'box:8080'", stderr, StringComparison.Ordinal);
    }

    private string Server() => RemoteAppliance.ServerUri(_appliance).ToString().TrimEnd('/');

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CommandLine.RunAsync(args, stdout, stderr).WaitAsync(RemoteAppliance.Patience);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
