using System.Threading.Channels;

namespace MaoOcr.Client.Internal;

/// <summary>
/// A request waiting for its final answer. It keeps what it needs to be sent again after a reconnect: the envelope
/// head and the caller's image memory (not copied).
/// </summary>
internal sealed class PendingRequest
{
    private readonly ChannelWriter<OcrEvent>? _stream;
    private CancellationTokenRegistration _cancellation;

    public PendingRequest(string id, long sequence, byte[] head, IReadOnlyList<ReadOnlyMemory<byte>> images, ChannelWriter<OcrEvent>? stream)
    {
        Id = id;
        Sequence = sequence;
        Head = head;
        Images = images;
        _stream = stream;
    }

    public string Id { get; }

    /// <summary>Order of submission: requests queued during a reconnect go out in this order.</summary>
    public long Sequence { get; }

    public byte[] Head { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Images { get; }

    /// <summary>The connection generation it was last sent on; 0 before it is first sent. Guarded by the client's lock.</summary>
    public int SentGeneration { get; set; }

    public TaskCompletionSource<OcrCompleted> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnCancel(Action<PendingRequest> cancel, CancellationToken token)
    {
        if (token.CanBeCanceled)
        {
            _cancellation = token.Register(static state =>
            {
                var (request, cancel) = ((PendingRequest, Action<PendingRequest>))state!;
                cancel(request);
            }, (this, cancel));
        }
    }

    /// <summary>Hands one event to the request's stream and, for a final one, finishes it.</summary>
    public void Deliver(OcrEvent ocrEvent)
    {
        _stream?.TryWrite(ocrEvent);
        switch (ocrEvent)
        {
            case OcrCompleted completed:
                Completion.TrySetResult(completed);
                Finish(null);
                break;
            case OcrFailed failed:
                // A streamed request's caller reads the failure from its stream and never awaits Completion: a
                // faulted task nobody observes would raise UnobservedTaskException for every failed streamed request.
                if (_stream is null)
                {
                    Completion.TrySetException(failed.Error);
                }
                else
                {
                    Completion.TrySetCanceled();
                }
                Finish(null);
                break;
        }
    }

    public void Cancel(CancellationToken token)
    {
        Completion.TrySetCanceled(token);
        Finish(new OperationCanceledException(token));
    }

    private void Finish(Exception? streamError)
    {
        _stream?.TryComplete(streamError);
        // Not Dispose: this may run inside the token's own callback, where disposing the registration would wait on itself.
        _cancellation.Unregister();
    }
}
