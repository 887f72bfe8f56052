using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MaoOcr.EdgeServer.Tests.Aot;
using MaoOcr.EdgeServer.Tests.Deploy;
using Xunit.Abstractions;

namespace MaoOcr.EdgeServer.Tests.Load;

/// <summary>
/// The one-minute soak (issue 13): <c>maoocr-load --soak</c>, run as a process as a performance engineer runs it, against
/// the published Native AOT appliance with its cache off. Every message must get exactly the answer it deserves; that is
/// asserted strictly. The resource checks are the tool's own over ten minutes (benchmarks/RESULTS.md, "Soak"): over one
/// minute on a shared two-core box the RSS still includes warm-up, so here they are only reported, with bounds no leak
/// small enough to miss would pass and no honest run would fail.
/// </summary>
public sealed class LoadToolSoakTests : IClassFixture<PublishedBinaryTests.Binary>
{
    /// <summary>Sixteen clients keep two cores busy; 64 is the ten-minute soak's count.</summary>
    private const int Clients = 16;

    private const int DurationSeconds = 60;

    /// <summary>The run, its drain (each request at most the appliance's 120 s) and the settling at rest, with room.</summary>
    private static readonly TimeSpan s_toolLimit = TimeSpan.FromMinutes(6);

    /// <summary>The checks on answers: none may fail.</summary>
    private static readonly string[] s_answerChecks =
    [
        "no_answer", "answered_twice", "message_after_final", "answer_for_unknown_id", "undeserved_error", "wrong_error",
        "wrong_result_count", "unreadable_message", "connection_lost", "connect_failed", "server_exited", "answered",
    ];

    private readonly PublishedBinaryTests.Binary _binary;
    private readonly ITestOutputHelper _output;

    public LoadToolSoakTests(PublishedBinaryTests.Binary binary, ITestOutputHelper output)
    {
        _binary = binary;
        _output = output;
    }

    [Fact]
    public async Task A_one_minute_soak_gets_exactly_one_deserved_answer_for_every_message_and_the_appliance_stays_up()
    {
        using var images = new TempDirectory();
        // Small pages, so that a minute on two cores answers a few hundred requests.
        for (int i = 0; i < 3; i++)
        {
            RenderedImage image = TextImageRenderer.RenderLines([$"Soak page {i + 1}", "exactly one answer", $"per request {1307 * (i + 1)}"]);
            await File.WriteAllBytesAsync(images.Combine($"page-{i}.png"), image.Bytes);
        }
        // Every good request is OCR, not a cache hit.
        await using ServedBinary served = await ServedBinary.StartAsync(_binary.Path, new Dictionary<string, string> { ["MAOOCR__Cache__CapacityBytes"] = "0" });
        Process server = served.Process;
        int port = served.Port;
        (int exitCode, string stdout, string stderr) = await DeployTool.RunAsync("dotnet",
            [LoadTool(), "--soak", "--url", $"ws://127.0.0.1:{port}/ws/ocr", "--images", images.FullPath,
             "--clients", Clients.ToString(CultureInfo.InvariantCulture), "--duration", DurationSeconds.ToString(CultureInfo.InvariantCulture),
             "--seed", "13", "--server-pid", server.Id.ToString(CultureInfo.InvariantCulture), "--json"],
            s_toolLimit);
        _output.WriteLine(stderr);

        // Its output is awaited only once it has exited: a running server's stderr never ends.
        Assert.True(!server.HasExited, server.HasExited ? $"the appliance exited with {server.ExitCode}: {await served.Error}" : "");
        using JsonDocument report = JsonDocument.Parse(stdout);
        JsonElement root = report.RootElement;
        Dictionary<string, JsonElement> checks = root.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        foreach (string name in s_answerChecks)
        {
            Assert.True(checks[name].GetProperty("passed").GetBoolean(), $"{name}: {checks[name].GetProperty("detail").GetString()}\n{stderr}");
        }
        JsonElement counts = root.GetProperty("counts");
        Assert.Empty(counts.GetProperty("failures").EnumerateObject());
        int sent = counts.GetProperty("sent").GetInt32();
        Assert.Equal(sent, counts.GetProperty("answered").GetInt32() + counts.GetProperty("abandoned").GetInt32());
        // The mix reached every kind of message: each of the seed's actions ran.
        Assert.True(counts.GetProperty("actions").EnumerateObject().Count() >= 8, stderr);
        // Resource checks may fail on their own (they are the ten-minute soak's), and nothing else may.
        string[] resourceChecks = ["rss_drift", "thread_growth", "handle_growth", "handles_at_rest"];
        Assert.True(exitCode == 0 || (exitCode == 1 && checks.Values.Where(c => !c.GetProperty("passed").GetBoolean()).All(c => resourceChecks.Contains(c.GetProperty("name").GetString()))),
            $"exit {exitCode}\n{stderr}");

        // Generous bounds: a minute is too short to tell a 10% drift from warm-up, but a leak per request or per
        // connection doubles these within the minute (a few hundred requests, over a hundred connections).
        JsonElement figures = root.GetProperty("server");
        Assert.True(figures.GetProperty("rss_end_mib").GetDouble() <= 2 * figures.GetProperty("rss_start_mib").GetDouble(), stderr);
        Assert.True(figures.GetProperty("threads_end").GetDouble() <= 2 * figures.GetProperty("threads_start").GetDouble(), stderr);
        Assert.True(figures.GetProperty("handles_end").GetDouble() <= 2 * figures.GetProperty("handles_start").GetDouble(), stderr);
        JsonElement before = figures.GetProperty("at_rest_before"), after = figures.GetProperty("at_rest_after");
        Assert.True(after.GetProperty("handles").GetInt32() <= 2 * before.GetProperty("handles").GetInt32(), stderr);
    }

    /// <summary>The load tool built by the solution build, in this test assembly's configuration.</summary>
    private static string LoadTool()
    {
        string configuration = typeof(LoadToolSoakTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string tool = Path.Combine(RepositoryPaths.Root, "benchmarks", "EndToEnd", "bin", configuration, "net10.0", "maoocr-load.dll");
        Assert.True(File.Exists(tool), $"{tool} is missing: build MaoOcr.sln ({configuration}) first.");
        return tool;
    }
}
