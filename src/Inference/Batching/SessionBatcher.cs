using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Batching;

/// <summary>
/// One model session behind a <see cref="BatchScheduler{TKey, TInput, TOutput}"/>: NCHW calls of the same row
/// shape from concurrent requests are concatenated along N, run once, and each call gets back its own rows.
/// A call that finds nothing to share with runs over its own buffer, with no copy in or out.
/// </summary>
internal sealed class SessionBatcher : IDisposable
{
    private readonly OrtSession _session;
    private readonly BatchScheduler<TensorRowShape, Call, BatchOutput> _scheduler;
    private readonly object _shapesGate = new();
    private readonly HashSet<(int Batch, TensorRowShape Row)> _shapesRun = [];

    public SessionBatcher(string name, OrtSession session, BatcherOptions options)
    {
        _session = session;
        _scheduler = new BatchScheduler<TensorRowShape, Call, BatchOutput>(name, options, RunBatch);
    }

    /// <summary>Batches run so far.</summary>
    public long BatchesRun => _scheduler.BatchesRun;

    /// <summary>Every (batch size, row shape) ORT has run, for the warm-up check.</summary>
    public IReadOnlyCollection<(int Batch, TensorRowShape Row)> ShapesRun
    {
        get
        {
            lock (_shapesGate)
            {
                return [.. _shapesRun];
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="rows"/> rows of <paramref name="row"/> held in <paramref name="input"/>, possibly
    /// batched with other callers, and blocks until its output is ready. The batcher takes
    /// <paramref name="input"/> over and returns it to its pool once no batch can read it: the caller must not
    /// dispose it, even when this throws.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OrtException">ONNX Runtime failed.</exception>
    public BatchOutput Run(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
        => Submit(input, rows, row, cancellationToken).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run"/>, without blocking: several calls of one request can then share a batch.</summary>
    public Task<BatchOutput> Submit(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
    {
        if (rows < 1 || input.Length != rows * row.Elements)
        {
            input.Dispose();
            throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows of {row} do not match a buffer of {input.Length} floats.");
        }
        return _scheduler.Submit(row, new Call(input, rows), rows, cancellationToken);
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        _session.Dispose();
    }

    private BatchOutput[] RunBatch(TensorRowShape row, IReadOnlyList<Call> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 1)
        {
            Call only = calls[0];
            Record(only.Rows, row);
            return [new BatchOutput(_session.Run(only.Input, [only.Rows, row.Channels, row.Height, row.Width], cancellationToken))];
        }

        int total = 0;
        foreach (Call call in calls)
        {
            total += call.Rows;
        }
        Record(total, row);
        using TensorBuffer batch = TensorBufferPool.Shared.Rent(total * row.Elements);
        int offset = 0;
        foreach (Call call in calls)
        {
            call.Input.Span.CopyTo(batch.Span.Slice(offset));
            offset += call.Input.Length;
        }

        using OrtTensor output = _session.Run(batch, [total, row.Channels, row.Height, row.Width], cancellationToken);
        long[] rest = output.Shape.Skip(1).ToArray();
        int perRow = output.Length / total;
        var outputs = new BatchOutput[calls.Count];
        int first = 0;
        try
        {
            for (int i = 0; i < calls.Count; i++)
            {
                int n = calls[i].Rows;
                TensorBuffer rows = TensorBufferPool.Shared.Rent(n * perRow);
                output.Data.Slice(first * perRow, n * perRow).CopyTo(rows.Span);
                outputs[i] = new BatchOutput(rows, [n, .. rest]);
                first += n;
            }
        }
        catch
        {
            foreach (BatchOutput? o in outputs)
            {
                o?.Dispose();
            }
            throw;
        }
        return outputs;
    }

    private void Record(int batch, TensorRowShape row)
    {
        lock (_shapesGate)
        {
            _shapesRun.Add((batch, row));
        }
    }

    /// <summary>One caller's rows; disposing it returns the input buffer to its pool (the scheduler does, exactly once).</summary>
    internal readonly record struct Call(TensorBuffer Input, int Rows) : IDisposable
    {
        public void Dispose() => Input.Dispose();
    }
}
