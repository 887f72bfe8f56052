using System.Diagnostics.Metrics;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Diagnostics;

/// <summary>
/// The appliance's instruments, on a System.Diagnostics.Metrics meter named "MaoOcr.EdgeServer" (so
/// dotnet-counters and OpenTelemetry can read them), and rendered as Prometheus text for <c>/metrics</c>.
/// </summary>
public sealed class ServerMetrics : IDisposable
{
    public const string MeterName = "MaoOcr.EdgeServer";

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _connectionsTotal;
    private readonly UpDownCounter<long> _connections;
    private readonly Histogram<double> _requestSeconds;
    private readonly Histogram<double> _stageSeconds;
    private readonly PrometheusExporter _exporter;

    public ServerMetrics()
    {
        _requests = _meter.CreateCounter<long>("maoocr_requests_total", description: "OCR requests received, by transport.");
        _errors = _meter.CreateCounter<long>("maoocr_errors_total", description: "Requests answered with ocr_error, by code.");
        _cacheHits = _meter.CreateCounter<long>("maoocr_cache_hits_total", description: "Requests answered from the result cache.");
        _cancelled = _meter.CreateCounter<long>("maoocr_requests_cancelled_total", description: "Requests whose client went away: abandoned while queued (never run) or stopped while running.");
        _connectionsTotal = _meter.CreateCounter<long>("maoocr_connections_total", description: "WebSocket connections accepted.");
        _connections = _meter.CreateUpDownCounter<long>("maoocr_connections", description: "Open WebSocket connections.");
        _requestSeconds = _meter.CreateHistogram<double>("maoocr_request_duration_seconds", unit: "s", description: "Time from request to final answer, by transport.");
        _stageSeconds = _meter.CreateHistogram<double>("maoocr_stage_duration_seconds", unit: "s", description: "Time per stage: waiting in the queue, then each pipeline stage.");
        _exporter = new PrometheusExporter(_meter);
        // Present from the first scrape, before any connection or event: a counter that appears only with its first
        // event hides that event from rate() (Prometheus's instrumentation guide: initialise what you can), and the
        // fleet dashboard would show "No data" for an appliance that merely had none yet.
        _connections.Add(0);
        _connectionsTotal.Add(0);
        _cacheHits.Add(0);
        _cancelled.Add(0, new KeyValuePair<string, object?>("when", "queued"));
        _cancelled.Add(0, new KeyValuePair<string, object?>("when", "running"));
    }

    public void ObserveQueue(Func<int> queued, Func<int> running)
    {
        _meter.CreateObservableGauge("maoocr_queue_depth", () => queued(), description: "Requests waiting in the work queue.");
        _meter.CreateObservableGauge("maoocr_requests_running", () => running(), description: "Requests being processed now.");
    }

    public void RequestStarted(string transport) => _requests.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void RequestFinished(OcrOutcome outcome)
    {
        // Operators read errors by the code clients see, so the core's failure is counted under its wire name.
        if (outcome.Failure is OcrFailure failure)
        {
            Refused(ErrorCodes.FromFailure(failure));
        }
    }

    /// <summary>Counts an error answer, including refusals made before a request reaches the service.</summary>
    public void Refused(ErrorCode code) => _errors.Add(1, new KeyValuePair<string, object?>("code", ErrorCodes.WireName(code)));

    public void RequestDuration(string transport, TimeSpan elapsed) => _requestSeconds.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("transport", transport));

    /// <summary>A request whose client went away before it ran (<c>queued</c>) or while it ran (<c>running</c>).</summary>
    public void Cancelled(bool whileRunning) => _cancelled.Add(1, new KeyValuePair<string, object?>("when", whileRunning ? "running" : "queued"));

    public void QueueWait(TimeSpan waited) => Stage("queue", waited.TotalMilliseconds);

    public void CacheHit() => _cacheHits.Add(1);

    public void ConnectionOpened()
    {
        _connectionsTotal.Add(1);
        _connections.Add(1);
    }

    public void ConnectionClosed() => _connections.Add(-1);

    public void Stages(StageTimings timings)
    {
        Stage("decode", timings.DecodeMs);
        Stage("detection", timings.DetectionMs);
        Stage("classification", timings.ClassificationMs);
        Stage("recognition", timings.RecognitionMs);
    }

    /// <summary>Everything measured so far, in the Prometheus text exposition format 0.0.4.</summary>
    public string RenderPrometheus() => _exporter.Render();

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    private void Stage(string stage, double ms) => _stageSeconds.Record(ms / 1000, new KeyValuePair<string, object?>("stage", stage));
}
