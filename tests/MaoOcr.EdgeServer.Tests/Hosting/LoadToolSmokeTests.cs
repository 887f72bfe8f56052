using MaoOcr.Benchmarks.EndToEnd;
using MaoOcr.Testing;

namespace MaoOcr.EdgeServer.Tests.Hosting;

/// <summary>The end-to-end load tool (benchmarks/EndToEnd) against the real appliance for a few requests: it measures answers, not errors.</summary>
public sealed class LoadToolSmokeTests : IClassFixture<ApplianceFixture>
{
    private readonly RunningAppliance _appliance;

    public LoadToolSmokeTests(ApplianceFixture fixture) => _appliance = fixture.Appliance;

    [Theory]
    [InlineData("--binary")]
    [InlineData("--text")]
    public async Task Two_clients_get_answers_and_no_errors_and_stop_at_the_request_limit(string form)
    {
        string folder = Directory.CreateTempSubdirectory("maoocr-load-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "a.png"), TextImageRenderer.RenderLines(["Load tool smoke 1"]).Bytes);
            await File.WriteAllBytesAsync(Path.Combine(folder, "b.png"), TextImageRenderer.RenderLines(["Load tool smoke 2"]).Bytes);
            await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not an image: skipped");
            LoadOptions? options = LoadOptions.Parse(
                // Ends after four answers (a second or two on an idle box); the duration only bounds a run on a loaded one.
                ["--url", OcrSocket.Uri(_appliance).ToString(), "--images", folder, "--clients", "2", "--duration", "60", "--warmup", "0", "--requests", "4", form],
                out string? error);
            Assert.True(options is not null, error);
            ImageSet images = ImageSet.Load(folder);
            Assert.Equal(2, images.Images.Count);

            LoadReport report = await LoadRun.RunAsync(options, images);

            Assert.True(report.Completed > 0, report.ToText());
            Assert.Empty(report.Errors);
            Assert.Equal(0, report.Failed);
            Assert.True(report.ImagesPerSecond > 0);
            Assert.True(report.P50Ms <= report.P90Ms && report.P90Ms <= report.P99Ms && report.P99Ms <= report.MaxMs, report.ToText());
            // The limit stops both clients; the other one's answer may land as it is reached.
            Assert.True(report.Completed <= 4 + 1, report.ToText());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--url", "ws://192.0.2.1:8080/ws/ocr", "--images", ".")]
    [InlineData("--url", "http://127.0.0.1:8080/ws/ocr", "--images", ".")]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr")]
    [InlineData("--url", "ws://127.0.0.1:8080/ws/ocr", "--images", ".", "--clients", "0")]
    public void Bad_command_lines_are_refused_with_a_reason(params string[] args)
    {
        Assert.Null(LoadOptions.Parse(args, out string? error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];
        Assert.Equal(50, LoadReport.Percentile(sorted, 50));
        Assert.Equal(90, LoadReport.Percentile(sorted, 90));
        Assert.Equal(99, LoadReport.Percentile(sorted, 99));
        Assert.Equal(7, LoadReport.Percentile([7], 99));
        Assert.Null(LoadReport.Percentile([], 50));
    }
}
