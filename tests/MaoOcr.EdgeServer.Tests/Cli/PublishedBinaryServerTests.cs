using System.Diagnostics;
using System.Text.Json;

namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary>
/// The Native AOT <c>maoocr</c> as a client: the SDK's source-generated JSON and WebSocket code run trimmed and compiled
/// ahead of time. test.sh publishes the binary and sets MAOOCR_AOT_BINARY.
/// </summary>
[Collection(RemoteAppliance.Name)]
public sealed class PublishedBinaryServerTests
{
    private readonly RunningAppliance _appliance;

    public PublishedBinaryServerTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Fact]
    public async Task Published_binary_ocrs_a_file_on_the_appliance()
    {
        string binary = FindBinary();
        RenderedImage image = TextImageRenderer.RenderLines(["AOT client 6062", "over WebSocket"]);
        string file = Path.Combine(Path.GetTempPath(), $"maoocr-aot-server-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, image.Bytes);
        try
        {
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { "ocr", "--server", RemoteAppliance.ServerUri(_appliance).ToString(), "--json", file })
            {
                start.ArgumentList.Add(arg);
            }
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(RemoteAppliance.Patience);

            Assert.True(process.ExitCode == 0, await stderr);
            using JsonDocument json = JsonDocument.Parse(await stdout);
            JsonElement result = json.RootElement[0];
            string text = result.GetProperty("text").GetString()!;
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, text) <= 0.05, text);
            Assert.Equal(image.Width, result.GetProperty("width").GetInt32());
            Assert.Equal(2, result.GetProperty("lines").GetArrayLength());
            Assert.Contains($"{file}: done (1/1)", await stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string FindBinary()
    {
        string? given = Environment.GetEnvironmentVariable("MAOOCR_AOT_BINARY");
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }
        string root = RepositoryPaths.Root;
        // Where test.sh and the inference tests' AOT fixture publish it.
        string[] candidates = [Path.Combine(root, "artifacts", "publish", "linux-x64", "maoocr"), Path.Combine(root, "artifacts", "publish", "aot-test", "maoocr")];
        string? found = candidates.FirstOrDefault(File.Exists);
        Assert.True(found is not null, "No published maoocr: run ./test.sh, or dotnet publish src/EdgeServer -c Release -r linux-x64 -o artifacts/publish/linux-x64, or set MAOOCR_AOT_BINARY.");
        return found;
    }
}
