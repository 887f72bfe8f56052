using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>Passes everything to a pipe's writer and remembers the largest span or memory asked for.</summary>
internal sealed class HintRecordingWriter(PipeWriter inner) : PipeWriter
{
    public int LargestHint { get; private set; }

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        LargestHint = Math.Max(LargestHint, sizeHint);
        return inner.GetMemory(sizeHint);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        LargestHint = Math.Max(LargestHint, sizeHint);
        return inner.GetSpan(sizeHint);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);
}
