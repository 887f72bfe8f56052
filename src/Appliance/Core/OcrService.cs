using MaoOcr.Documents.Pdf.Combining;
using MaoOcr.Documents.Pdf.Reading;
using System.Diagnostics;
using MaoOcr.Appliance.Diagnostics;
using MaoOcr.Appliance.Hosting;
using MaoOcr.Inference.Pipeline;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// The application core every transport calls: the result cache, the fair queue, the engine, and exactly one outcome per
/// request whatever happens (bad image, full queue, timeout, client gone, shutdown). It speaks its own types
/// (<see cref="OcrRequest"/>, <see cref="OcrOutcome"/>, <see cref="OcrFailure"/>); the wire codec lives at the edge.
/// </summary>
public sealed class OcrService : IAsyncDisposable
{
    /// <summary>A hint for clients told "busy": about one page's time on a small box, in milliseconds.</summary>
    public const int BusyRetryAfterMs = 1000;

    private readonly EngineHost _engineHost;
    private readonly FairScheduler _scheduler;
    private readonly ResultCache _cache;
    private readonly ServerMetrics _metrics;
    private readonly ILogger<OcrService> _logger;
    private readonly TimeSpan _timeout;

    public OcrService(EngineHost engineHost, PdfDocumentReader pdf, IOptions<WorkQueueLimits> queue, IOptions<Configuration.CacheSettings> cache, IOptions<Configuration.ServerSettings> server, ServerMetrics metrics, ILogger<OcrService> logger)
    {
        Pdf = pdf;
        Combiner = new PdfCombiner(pdf);
        _engineHost = engineHost;
        _scheduler = new FairScheduler(queue.Value);
        _cache = new ResultCache(cache.Value.CapacityBytes);
        _metrics = metrics;
        _logger = logger;
        _timeout = TimeSpan.FromSeconds(server.Value.RequestTimeoutSeconds);
        metrics.ObserveQueue(() => _scheduler.Queued, () => _scheduler.Running);
        LogPdfSupport(pdf, logger);
    }

    /// <summary>Opens PDFs in sandboxed child processes.</summary>
    public PdfDocumentReader Pdf { get; }

    /// <summary>qpdf's overlay and joining, for searchable PDFs.</summary>
    internal PdfCombiner Combiner { get; }

    internal ServerMetrics Metrics => _metrics;

    internal ResultCache Cache => _cache;

    internal FairScheduler Scheduler => _scheduler;

    internal ILogger Logger => _logger;

    /// <summary>
    /// Runs one request (one image, or a batch). <paramref name="observer"/> hears when it is queued and how the engine
    /// moves through its stages. Never throws for bad input or load: the outcome carries the failure.
    /// </summary>
    public async Task<OcrOutcome> RunAsync(OcrRequest request, IOcrRequestObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        _metrics.RequestStarted(request.Source);
        long started = Stopwatch.GetTimestamp();
        OcrOutcome outcome = await RunCoreAsync(request, observer, cancellationToken).ConfigureAwait(false);
        _metrics.RequestFinished(outcome);
        _metrics.RequestDuration(request.Source, Stopwatch.GetElapsedTime(started));
        return outcome;
    }

    public ValueTask DisposeAsync() => _scheduler.DisposeAsync();

    /// <summary>One line at start that says whether PDFs can be read here, and how well their tools are contained.</summary>
    private static void LogPdfSupport(PdfDocumentReader pdf, ILogger logger)
    {
        if (!pdf.Tools.CanRead)
        {
            logger.LogWarning("PDF input is off: poppler-utils is not installed (apt install poppler-utils qpdf); PDFs are refused with unsupported_format.");
            return;
        }
        logger.LogInformation("PDF input: poppler's tools at {Directory}; memory and CPU limits {Limits}; network isolation {Network}; searchable PDFs keep original pages: {Qpdf}.",
            Path.GetDirectoryName(pdf.Tools.PdfInfo), pdf.LimitsApplied ? "on" : "OFF (prlimit refused)", pdf.NetworkIsolated ? "on" : "off (user namespaces refused)", pdf.Tools.Qpdf is not null ? "yes" : "no (qpdf not installed)");
    }

    private async Task<OcrOutcome> RunCoreAsync(OcrRequest request, IOcrRequestObserver? observer, CancellationToken cancellationToken)
    {
        OcrEngine? engine = _engineHost.Engine;
        if (engine is null)
        {
            return _engineHost.Failure is { } failure
                ? OcrOutcome.Failed(OcrFailure.Internal, $"The OCR engine is not available: {failure}")
                : OcrOutcome.Failed(OcrFailure.Busy, "The OCR engine is still starting.", BusyRetryAfterMs);
        }
        IReadOnlyList<OcrImage> images = request.Images;
        CacheKey[] keys = images.Select(i => ResultCache.KeyOf(i.Memory.Span, request.Options)).ToArray();
        OcrItemResult?[] cached = new OcrItemResult?[images.Count];
        for (int i = 0; i < keys.Length; i++)
        {
            // Documents are not cached: one is read a page at a time and may be large; images are looked up.
            if (_cache.TryGet(keys[i], out RecognizedPage? page))
            {
                cached[i] = OcrItemResult.FromImage(page!);
            }
        }
        // A searchable PDF is made on a queue worker, from the cached results too.
        if (!request.SearchablePdf && cached.All(r => r is not null))
        {
            _metrics.CacheHit();
            return OcrOutcome.Success(cached!, cached: true);
        }

        using var job = new OcrJob(this, engine, request, keys, cached, observer, _timeout, cancellationToken);
        switch (_scheduler.TryEnqueue(request.Lane, job, out int position))
        {
            case EnqueueResult.Queued:
                observer?.Queued(position);
                return await job.Outcome.ConfigureAwait(false);
            case EnqueueResult.ConnectionFull:
                return OcrOutcome.Failed(OcrFailure.Busy, "This connection already has its share of requests waiting.", BusyRetryAfterMs);
            case EnqueueResult.Stopped:
                return OcrOutcome.Failed(OcrFailure.Stopping, "The appliance is shutting down.", BusyRetryAfterMs);
            default:
                return OcrOutcome.Failed(OcrFailure.Busy, "The appliance is busy: the work queue is full.", BusyRetryAfterMs * Math.Max(1, _scheduler.Queued / 8));
        }
    }
}
