using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using MaoOcr.Client.Internal;

namespace MaoOcr.Client;

/// <summary>
/// A connection to a MaoOCR Edge appliance over its WebSocket protocol (docs/protocol.md), with the same behaviour as
/// the JS library: status events; start, progress, results and errors as events and as <see cref="IAsyncEnumerable{T}"/>;
/// reconnect with exponential backoff and jitter; a heartbeat; images in binary frames; batches; cancellation.
/// </summary>
/// <remarks>
/// Thread-safe: any number of requests may be in flight at once. Events are raised on the connection's receive loop
/// (not a UI thread; a MAUI app marshals with <c>MainThread.BeginInvokeOnMainThread</c>). Keep handlers short: an
/// exception thrown by a handler is caught and dropped so that it cannot break the connection.
/// The protocol has no cancel message: cancelling a request stops waiting for it (and, if it is still queued here,
/// never sends it); the appliance finishes work it already has and its answer is ignored.
/// </remarks>
public sealed partial class MaoOcrClient : IAsyncDisposable
{
    private readonly MaoOcrClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PendingRequest> _pending = new(StringComparer.Ordinal);
    private readonly List<ChannelWriter<OcrEvent>> _subscribers = [];
    private readonly string _idPrefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private long _idCounter;
    private ConnectionStatus _status = ConnectionStatus.Disconnected;
    private bool _disposed;

    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The server address is not ws, wss, http or https.</exception>
    public MaoOcrClient(MaoOcrClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
        Endpoint = EndpointAddress.From(options.Server);
    }

    /// <summary>The WebSocket address connected to, e.g. <c>ws://box:8080/ws/ocr</c>.</summary>
    public Uri Endpoint { get; }

    public ConnectionStatus Status
    {
        get
        {
            lock (_gate)
            {
                return _status;
            }
        }
    }

    /// <summary>Raised on every change of <see cref="Status"/>, in order.</summary>
    public event EventHandler<ConnectionStatusChange>? StatusChanged;

    /// <summary>A request was queued on the appliance (<c>ocr_start</c>).</summary>
    public event EventHandler<OcrStarted>? Started;

    /// <summary>A request made progress (<c>ocr_progress</c>).</summary>
    public event EventHandler<OcrProgress>? ProgressChanged;

    /// <summary>A request was answered (<c>ocr_complete</c>).</summary>
    public event EventHandler<OcrCompleted>? Completed;

    /// <summary>A request failed: an <c>ocr_error</c>, or the connection was lost for good, or the client was disconnected.</summary>
    public event EventHandler<OcrFailed>? Failed;

    /// <summary>OCRs one image or PDF, sent as a binary message.</summary>
    /// <param name="image">
    /// JPEG, PNG, WebP, BMP or GIF bytes, or a PDF (the appliance tells them apart by their first bytes). Not copied:
    /// leave it unchanged until the task ends.
    /// </param>
    /// <returns>
    /// The result once <c>ocr_complete</c> arrives: an image's lines, or a PDF's <see cref="OcrResult.Pages"/>; with
    /// <see cref="OcrRequestOptions.SearchablePdf"/>, also <see cref="OcrResult.SearchablePdf"/>.
    /// </returns>
    /// <exception cref="OcrServerException">The appliance answered <c>ocr_error</c>; <see cref="OcrServerException.Code"/> says why.</exception>
    /// <exception cref="MaoOcrConnectionException">Not connected, or the connection was lost and could not be restored.</exception>
    /// <exception cref="ArgumentException">The image is empty or larger than <see cref="MaoOcrClientOptions.MaxMessageBytes"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<OcrResult> RecognizeAsync(ReadOnlyMemory<byte> image, OcrRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        PendingRequest request = Submit([image], batch: false, options, stream: null, cancellationToken);
        OcrCompleted completed = await request.Completion.Task.ConfigureAwait(false);
        return completed.Result ?? throw new MaoOcrException($"The appliance answered request {request.Id} with a batch result.");
    }

    /// <summary>OCRs an image read from <paramref name="image"/> (a file, a camera capture), read to its end first.</summary>
    /// <inheritdoc cref="RecognizeAsync(ReadOnlyMemory{byte}, OcrRequestOptions?, CancellationToken)"/>
    public async Task<OcrResult> RecognizeAsync(Stream image, OcrRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return await RecognizeAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// OCRs an image or PDF file, read whole first. For a searchable PDF of a scan:
    /// <code>
    /// OcrResult r = await client.RecognizeFileAsync("scan.pdf", new OcrRequestOptions { SearchablePdf = true });
    /// File.WriteAllBytes("scan.searchable.pdf", r.SearchablePdf!);
    /// </code>
    /// </summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the file is empty or larger than <see cref="MaoOcrClientOptions.MaxMessageBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when there is none).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <inheritdoc cref="RecognizeAsync(ReadOnlyMemory{byte}, OcrRequestOptions?, CancellationToken)"/>
    public async Task<OcrResult> RecognizeFileAsync(string path, OcrRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Checked before reading, so a file far over the limit is refused without loading it.
        long length = new FileInfo(path).Length;
        if (length > _options.MaxMessageBytes)
        {
            throw Throw.TooLarge(length, _options.MaxMessageBytes, nameof(path));
        }
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await RecognizeAsync(bytes, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>OCRs up to 16 images in one request; the answer holds one result per image, in order.</summary>
    /// <exception cref="ArgumentException">No images, more than 16, an empty one, or more bytes than <see cref="MaoOcrClientOptions.MaxMessageBytes"/>.</exception>
    /// <inheritdoc cref="RecognizeAsync(ReadOnlyMemory{byte}, OcrRequestOptions?, CancellationToken)"/>
    public async Task<OcrBatchResult> RecognizeBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, OcrRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        PendingRequest request = Submit(images, batch: true, options, stream: null, cancellationToken);
        OcrCompleted completed = await request.Completion.Task.ConfigureAwait(false);
        return completed.Batch ?? throw new MaoOcrException($"The appliance answered batch request {request.Id} with a single result.");
    }

    /// <summary>
    /// OCRs one image and yields its events in order: <see cref="OcrStarted"/>, <see cref="OcrProgress"/>…, then one final
    /// <see cref="OcrCompleted"/> or <see cref="OcrFailed"/> (errors are items, not exceptions). The request is sent when
    /// the enumeration starts; leaving it early stops waiting for the answer.
    /// </summary>
    /// <exception cref="MaoOcrConnectionException">Not connected when the enumeration starts.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IAsyncEnumerable<OcrEvent> StreamAsync(ReadOnlyMemory<byte> image, OcrRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamRequestAsync([image], batch: false, options, cancellationToken);

    /// <summary>A batch as a stream of events; the final <see cref="OcrCompleted"/> carries <see cref="OcrCompleted.Batch"/>.</summary>
    /// <inheritdoc cref="StreamAsync(ReadOnlyMemory{byte}, OcrRequestOptions?, CancellationToken)"/>
    public IAsyncEnumerable<OcrEvent> StreamBatchAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, OcrRequestOptions? options = null, CancellationToken cancellationToken = default) =>
        StreamRequestAsync(images, batch: true, options, cancellationToken);

    /// <summary>
    /// Every request's events from now on, as the <see cref="Started"/>, <see cref="ProgressChanged"/>,
    /// <see cref="Completed"/> and <see cref="Failed"/> events see them. The subscription starts with this call (not with
    /// the enumeration) and ends when the enumeration ends, is cancelled, or the client is disposed. Enumerate what you
    /// ask for: an unread subscription keeps every event.
    /// </summary>
    public IAsyncEnumerable<OcrEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
    {
        Channel<OcrEvent> channel = Channel.CreateUnbounded<OcrEvent>(new UnboundedChannelOptions { SingleReader = true });
        lock (_gate)
        {
            _subscribers.Add(channel.Writer);
        }
        return ReadSubscriptionAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<OcrEvent> ReadSubscriptionAsync(Channel<OcrEvent> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out OcrEvent? ocrEvent))
                {
                    // Checked per item: events already buffered must not outrun a cancellation.
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return ocrEvent;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel.Writer);
            }
        }
    }

    private async IAsyncEnumerable<OcrEvent> StreamRequestAsync(IReadOnlyList<ReadOnlyMemory<byte>> images, bool batch, OcrRequestOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<OcrEvent> channel = Channel.CreateUnbounded<OcrEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        PendingRequest request = Submit(images, batch, options, channel.Writer, cancellationToken);
        bool finished = false;
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out OcrEvent? ocrEvent))
                {
                    // Checked per item: events already buffered must not outrun a cancellation.
                    cancellationToken.ThrowIfCancellationRequested();
                    finished = ocrEvent.IsFinal;
                    yield return ocrEvent;
                }
            }
        }
        finally
        {
            if (!finished)
            {
                // Left early: stop waiting, and do not send it if it is still queued.
                Forget(request, cancellationToken);
            }
        }
    }

    /// <summary>Disconnects (see <see cref="DisconnectAsync"/>) and ends every <see cref="ReadEventsAsync"/> subscription.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        await DisconnectAsync().ConfigureAwait(false);
        ChannelWriter<OcrEvent>[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
            _subscribers.Clear();
        }
        foreach (ChannelWriter<OcrEvent> subscriber in subscribers)
        {
            subscriber.TryComplete();
        }
    }

    private string NextId(string kind) =>
        $"{_idPrefix}-{kind}{Interlocked.Increment(ref _idCounter).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private void SetStatus(ConnectionStatus status, Exception? error)
    {
        ConnectionStatus previous;
        lock (_gate)
        {
            previous = _status;
            _status = status;
        }
        RaiseStatusChanged(previous, status, error);
    }

    private void RaiseStatusChanged(ConnectionStatus previous, ConnectionStatus status, Exception? error)
    {
        if (previous != status)
        {
            RaiseSafely(StatusChanged, new ConnectionStatusChange(previous, status, error));
        }
    }

    private void RaiseSafely<T>(EventHandler<T>? handler, T args)
    {
        if (handler is null)
        {
            return;
        }
        foreach (EventHandler<T> one in handler.GetInvocationList().Cast<EventHandler<T>>())
        {
            try
            {
                one(this, args);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A handler's own fault must not take down the receive loop (see the class remarks).
            }
        }
    }

    /// <summary>
    /// Delivers one request event to the subscribers, the events and then the request itself, so that by the time a
    /// caller's await resumes, every handler has seen the answer.
    /// </summary>
    private void Publish(PendingRequest request, OcrEvent ocrEvent)
    {
        ChannelWriter<OcrEvent>[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }
        foreach (ChannelWriter<OcrEvent> subscriber in subscribers)
        {
            subscriber.TryWrite(ocrEvent);
        }
        switch (ocrEvent)
        {
            case OcrStarted started:
                RaiseSafely(Started, started);
                break;
            case OcrProgress progress:
                RaiseSafely(ProgressChanged, progress);
                break;
            case OcrCompleted completed:
                RaiseSafely(Completed, completed);
                break;
            case OcrFailed failed:
                RaiseSafely(Failed, failed);
                break;
        }
        request.Deliver(ocrEvent);
    }
}
