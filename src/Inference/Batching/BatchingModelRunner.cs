using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Batching;

/// <summary>
/// One model session behind a <see cref="BatchScheduler{TKey, TInput, TOutput}"/>: NCHW calls of the same row
/// shape from concurrent requests are concatenated along N, run once on one of the scheduler's runner threads,
/// and each call gets back its own rows. A call that finds nothing to share with runs over its own buffer, with
/// no copy in or out. The GPU default, where one run of many rows costs little more than one of a few.
/// </summary>
internal sealed class BatchingModelRunner : IModelRunner
{
    private readonly OrtSession _session;
    private readonly BatchScheduler<TensorRowShape, Call, ModelOutput> _scheduler;
    private readonly object _shapesGate = new();
    private readonly HashSet<(int Batch, TensorRowShape Row)> _shapesRun = [];

    public BatchingModelRunner(string name, OrtSession session, ModelBatchPolicy policy)
    {
        _session = session;
        _scheduler = new BatchScheduler<TensorRowShape, Call, ModelOutput>(name, policy, RunBatch);
    }

    /// <summary>Batches run so far.</summary>
    public long BatchesRun => _scheduler.BatchesRun;

    /// <summary>The scheduler, for tests that hold its batches (<see cref="BatchScheduler{TKey, TInput, TOutput}.InterceptRuns"/>).</summary>
    internal BatchScheduler<TensorRowShape, Call, ModelOutput> Scheduler => _scheduler;

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

    /// <inheritdoc/>
    /// <remarks>The call may be batched with other callers': it blocks until its batch ran.</remarks>
    public ModelOutput Run(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
        => Submit(input, rows, row, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc/>
    /// <remarks>Returns once the call is queued: several calls of one request can then share a batch.</remarks>
    public Task<ModelOutput> Submit(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
    {
        row.EnsureHolds(input, rows);
        return _scheduler.Submit(row, new Call(input, rows), rows, cancellationToken);
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        _session.Dispose();
    }

    private ModelOutput[] RunBatch(TensorRowShape row, IReadOnlyList<Call> calls, CancellationToken cancellationToken)
    {
        if (calls.Count == 1)
        {
            Call only = calls[0];
            Record(only.Rows, row);
            return [new ModelOutput(_session.Run(only.Input, row.Of(only.Rows), cancellationToken))];
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

        using OrtTensor output = _session.Run(batch, row.Of(total), cancellationToken);
        long[] rest = output.Shape.Skip(1).ToArray();
        int perRow = output.Length / total;
        var outputs = new ModelOutput[calls.Count];
        int first = 0;
        try
        {
            for (int i = 0; i < calls.Count; i++)
            {
                int n = calls[i].Rows;
                TensorBuffer rows = TensorBufferPool.Shared.Rent(n * perRow);
                output.Data.Slice(first * perRow, n * perRow).CopyTo(rows.Span);
                outputs[i] = new ModelOutput(rows, [n, .. rest]);
                first += n;
            }
        }
        catch
        {
            foreach (ModelOutput? o in outputs)
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
