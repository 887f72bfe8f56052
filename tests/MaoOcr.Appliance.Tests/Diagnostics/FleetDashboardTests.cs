using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using static MaoOcr.Appliance.Testing.OcrSocket;

namespace MaoOcr.Appliance.Tests.Diagnostics;

/// <summary>
/// deploy/grafana/maoocr-fleet.json queries what the appliance really exports: every metric in every query, every label
/// it groups or matches by, and every label value it requires, are checked against /metrics after real traffic (a
/// WebSocket request and its stages, a REST request, a cache hit, an error and a busy refusal). A renamed metric or
/// label in the code or the dashboard fails here, not on an operator's empty panel.
/// </summary>
public sealed partial class FleetDashboardTests
{
    /// <summary>Labels Prometheus adds to every scraped series (deploy/prometheus/prometheus.yml), and its own <c>up</c>.</summary>
    private static readonly HashSet<string> s_targetLabels = new(StringComparer.Ordinal) { "instance", "job" };
    private const string PrometheusUp = "up";

    private static string DashboardPath => Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "maoocr-fleet.json");

    [Fact]
    public async Task Every_dashboard_query_names_metrics_and_labels_the_appliance_exports()
    {
        Exposition exposition = await ExpositionAfterTrafficAsync();
        using JsonDocument dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(DashboardPath));

        Assert.Empty(Problems(dashboard, exposition));
        // And the figures operators look at are there: each of these is queried somewhere.
        HashSet<string> queried = Queries(dashboard).SelectMany(q => PromQlReferences.Parse(q).Metrics).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "maoocr_requests_total", "maoocr_errors_total", "maoocr_queue_depth", "maoocr_requests_running",
                "maoocr_stage_duration_seconds_bucket", "maoocr_request_duration_seconds_bucket", "maoocr_connections",
            },
            queried);
    }

    [Fact]
    public async Task A_dashboard_with_a_renamed_metric_label_or_value_is_caught()
    {
        Exposition exposition = await ExpositionAfterTrafficAsync();
        string json = await File.ReadAllTextAsync(DashboardPath);

        foreach ((string from, string to) in new[]
        {
            ("maoocr_queue_depth", "maoocr_queue_length"),
            ("by (le, stage)", "by (le, step)"),
            ("code=\\\"busy\\\"", "code=\\\"overloaded\\\""),
            ("maoocr_stage_duration_seconds_bucket", "maoocr_stage_duration_seconds_buckets"),
        })
        {
            Assert.Contains(from, json, StringComparison.Ordinal);
            using JsonDocument broken = JsonDocument.Parse(json.Replace(from, to, StringComparison.Ordinal));
            Assert.NotEmpty(Problems(broken, exposition));
        }
    }

    [Fact]
    public void The_dashboard_takes_its_data_source_and_appliances_as_variables()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(DashboardPath));
        JsonElement variables = dashboard.RootElement.GetProperty("templating").GetProperty("list");
        Assert.Contains(variables.EnumerateArray(), v => v.GetProperty("name").GetString() == "DS_PROMETHEUS" && v.GetProperty("type").GetString() == "datasource");
        Assert.Contains(variables.EnumerateArray(), v => v.GetProperty("name").GetString() == "instance" && v.GetProperty("includeAll").GetBoolean());
        foreach (JsonElement panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.GetProperty("type").GetString() != "row"))
        {
            Assert.Equal("${DS_PROMETHEUS}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(panel.GetProperty("targets").EnumerateArray(), t => Assert.Contains("instance=~\"$instance\"", t.GetProperty("expr").GetString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Prometheus_scrapes_the_appliances_metrics_path()
    {
        string config = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "prometheus", "prometheus.yml"));
        Assert.Contains("metrics_path: /metrics", config, StringComparison.Ordinal);
        Assert.Contains("job_name: maoocr", config, StringComparison.Ordinal);
        Assert.Equal(3, TargetLine().Count(config));
    }

    /// <summary>Everything wrong with the dashboard's queries, one line each; empty when it matches the exposition.</summary>
    private static List<string> Problems(JsonDocument dashboard, Exposition exposition)
    {
        var problems = new List<string>();
        foreach (string query in Queries(dashboard))
        {
            PromQlReferences references = PromQlReferences.Parse(query);
            if (references.Metrics.Count == 0)
            {
                problems.Add($"no metric in: {query}");
            }
            foreach (string metric in references.Metrics)
            {
                if (metric == PrometheusUp)
                {
                    problems.AddRange(references.Labels.Where(l => !s_targetLabels.Contains(l)).Select(l => $"'{l}' is not a label of up: {query}"));
                    continue;
                }
                if (!exposition.Has(metric))
                {
                    problems.Add($"{metric} is not exported: {query}");
                    continue;
                }
                problems.AddRange(references.Labels
                    .Where(l => !s_targetLabels.Contains(l) && !exposition.HasLabel(metric, l))
                    .Select(l => $"{metric} has no label '{l}': {query}"));
                problems.AddRange(references.RequiredValues
                    .Where(r => !s_targetLabels.Contains(r.Label) && !exposition.HasValue(metric, r.Label, r.Value))
                    .Select(r => $"{metric} has no series {r.Label}=\"{r.Value}\": {query}"));
            }
        }
        return problems;
    }

    /// <summary>Every panel target's expr, and the instance variable's label_values(metric, label) as a selector.</summary>
    private static IEnumerable<string> Queries(JsonDocument dashboard)
    {
        foreach (JsonElement panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out JsonElement targets))
            {
                foreach (JsonElement target in targets.EnumerateArray())
                {
                    yield return target.GetProperty("expr").GetString()!;
                }
            }
        }
        foreach (JsonElement variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.GetProperty("type").GetString() == "query")
            {
                Match match = LabelValues().Match(variable.GetProperty("definition").GetString()!);
                Assert.True(match.Success, variable.GetRawText());
                yield return $"{match.Groups[1].Value} by ({match.Groups[2].Value})";
            }
        }
    }

    private static async Task<Exposition> ExpositionAfterTrafficAsync()
    {
        await using RunningAppliance appliance = await RunningAppliance.StartAsync(("Queue:Workers", "1"), ("Queue:MaxQueuedPerConnection", "1"));
        RenderedImage image = TextImageRenderer.RenderLines(["Dashboard traffic 9090", "a second line"]);

        // Over the WebSocket: one request runs (its stages are timed), the next, sent while it is in flight, is refused busy.
        using (ClientWebSocket socket = await ConnectAsync(appliance))
        {
            await SendBinaryAsync(socket, BinaryRequest("first", image.Bytes));
            await SendBinaryAsync(socket, BinaryRequest("second", image.Bytes));
            var finals = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            while (finals.Count < 2)
            {
                JsonElement message = await ReceiveAsync(socket);
                if (IsFinal(message))
                {
                    finals[RequestId(message)!] = message;
                }
            }
            Assert.Equal("ocr_complete", Type(finals["first"]));
            Assert.Equal("busy", Code(finals["second"]));
        }
        // Over REST: the same image again (a cache hit), and a request with a bad parameter (an error).
        using (var body = new ByteArrayContent(image.Bytes))
        {
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            using HttpResponseMessage cached = await appliance.Client.PostAsync("/api/ocr", body);
            Assert.True(cached.IsSuccessStatusCode);
            using HttpResponseMessage refused = await appliance.Client.PostAsync("/api/ocr?accuracy_requirement=perfect", body);
            Assert.False(refused.IsSuccessStatusCode);
        }
        return Exposition.Parse(await appliance.Client.GetStringAsync("/metrics"));
    }

    [GeneratedRegex(@"^label_values\((\w+),\s*(\w+)\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex(@"^\s+- [\w.-]+:\d+\s*$", RegexOptions.Multiline)]
    private static partial Regex TargetLine();
}
