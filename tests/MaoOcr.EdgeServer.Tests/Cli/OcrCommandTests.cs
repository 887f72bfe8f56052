using System.Text.Json;

namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary>The one CLI run that loads the real engine; it shares the remote appliance's collection so it never runs beside another model-heavy test.</summary>
[Collection(RemoteAppliance.Name)]
public sealed class OcrCommandTests
{
    [Fact]
    public async Task Missing_file_fails_that_file_only_and_is_named_on_stderr()
    {
        using var temp = new TempDirectory();
        string good = temp.Combine("good.png");
        string missing = temp.Combine("missing.png");
        File.WriteAllBytes(good, TextImageRenderer.RenderLines(["Invoice 2024"]).Bytes);

        (int code, string stdout, string stderr) = await CommandLineTests.RunAsync("ocr", "--json", good, missing);

        Assert.Equal(CommandLine.InputFailed, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(good, stderr, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement[] files = json.RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, files.Length);
        Assert.Equal("Invoice 2024", files[0].GetProperty("text").GetString());
        Assert.False(files[0].TryGetProperty("error", out _));
        Assert.Equal(missing, files[1].GetProperty("file").GetString());
        Assert.Equal("unreadable", files[1].GetProperty("error_kind").GetString());
    }
}
