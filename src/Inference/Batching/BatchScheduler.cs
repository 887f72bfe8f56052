using System.Diagnostics;

namespace MaoOcr.Inference.Batching;

/// <summary>
/// Gathers calls from concurrent requests into batches of the same shape key and runs them on a fixed
/// set of runner threads. Fairness: every batch is formed around the oldest queued call, so a call never
/// waits behind calls that arrived after it, whatever their shape. A call whose token is cancelled before
/// its batch starts is dropped; one cancelled while its batch runs gets its cancellation at once, the batch
/// finishes for the others, and the batch is terminated only when every call in it is cancelled.
/// </summary>
/// <typeparam name="TKey">What calls must share to be batched together (a tensor shape).</typeparam>
/// <typeparam name="TInput">One call's input, owned by the scheduler once submitted: it is disposed after its batch ran or when the call is dropped, never while a batch may still read it.</typeparam>
/// <typeparam name="TOutput">One call's output; disposed by the scheduler when nobody will read it.</typeparam>
internal sealed class BatchScheduler<TKey, TInput, TOutput> : IDisposable
    where TKey : notnull
    where TInput : IDisposable
    where TOutput : IDisposable
{
    /// <summary>Runs one batch; returns one output per input, in order. The token is cancelled when every call in the batch is.</summary>
    public delegate TOutput[] BatchRunner(TKey key, IReadOnlyList<TInput> inputs, CancellationToken cancellationToken);

    private readonly ModelBatchPolicy _policy;
    // Not readonly only for InterceptRuns (tests); a runner reads it after taking a batch under _gate, which orders it
    // after a change made before the calls were submitted.
    private BatchRunner _run;
    private readonly EqualityComparer<TKey> _keys = EqualityComparer<TKey>.Default;
    private readonly object _gate = new();
    // Arrival order across every key: the head is the oldest live call.
    private readonly LinkedList<Call> _queue = new();
    private readonly Thread[] _runners;
    private bool _disposed;
    private long _batchesRun;

    public BatchScheduler(string name, ModelBatchPolicy policy, BatchRunner run)
    {
        policy.Validate();
        _policy = policy;
        _run = run;
        _runners = new Thread[policy.Runners];
        for (int i = 0; i < _runners.Length; i++)
        {
            // Dedicated threads: callers block on their results, so runners must not depend on the thread pool.
            _runners[i] = new Thread(RunLoop) { IsBackground = true, Name = $"{name} batcher {i}" };
            _runners[i].Start();
        }
    }

    /// <summary>Batches run so far (for tests and metrics).</summary>
    public long BatchesRun => Interlocked.Read(ref _batchesRun);

    /// <summary>Calls waiting for a runner (tests: how many queued behind a held batch).</summary>
    internal int QueuedCalls
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>
    /// Wraps the batch delegate, so that tests can hold a batch that was taken and see what it holds: batches then form
    /// from what a test arranged, not from which threads arrived within the batch window. Call before submitting.
    /// </summary>
    internal void InterceptRuns(Func<BatchRunner, BatchRunner> wrap)
    {
        lock (_gate)
        {
            _run = wrap(_run);
        }
    }

    /// <summary>Queues one call and blocks until its output is ready.</summary>
    /// <param name="weight">What the call counts towards <see cref="ModelBatchPolicy.MaxBatch"/>, 1 or more; a call heavier than the limit runs alone.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled before the output was ready.</exception>
    /// <exception cref="ObjectDisposedException">The scheduler was disposed.</exception>
    public TOutput Run(TKey key, TInput input, int weight, CancellationToken cancellationToken)
        => Submit(key, input, weight, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Queues one call; the task completes with its output, its cancellation or the batch's failure.</summary>
    public Task<TOutput> Submit(TKey key, TInput input, int weight, CancellationToken cancellationToken)
    {
        if (weight < 1 || cancellationToken.IsCancellationRequested)
        {
            input.Dispose();
            ArgumentOutOfRangeException.ThrowIfLessThan(weight, 1);
            return Task.FromCanceled<TOutput>(cancellationToken);
        }
        var call = new Call(this, key, input, weight, Stopwatch.GetTimestamp(), cancellationToken);
        // Registered before the call is queued, so a runner always finds the registration to dispose.
        call.Registration = cancellationToken.UnsafeRegister(static state => ((Call)state!).Cancel(), call);
        lock (_gate)
        {
            if (_disposed)
            {
                call.Registration.Dispose();
                input.Dispose();
                throw new ObjectDisposedException(nameof(BatchScheduler<TKey, TInput, TOutput>));
            }
            if (call.Cancelled)
            {
                input.Dispose();
            }
            else
            {
                call.Node = _queue.AddLast(call);
                Monitor.PulseAll(_gate);
            }
        }
        return call.Completion.Task;
    }

    /// <summary>Stops the runners after the batches in flight; calls still queued are cancelled.</summary>
    public void Dispose()
    {
        List<Call> orphans;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            orphans = [.. _queue];
            _queue.Clear();
            foreach (Call call in orphans)
            {
                call.Node = null;
                call.Cancelled = true;
            }
            Monitor.PulseAll(_gate);
        }
        foreach (Call call in orphans)
        {
            call.Registration.Dispose();
            call.Input.Dispose();
            call.Completion.TrySetException(new ObjectDisposedException(nameof(BatchScheduler<TKey, TInput, TOutput>)));
        }
        foreach (Thread runner in _runners)
        {
            if (runner != Thread.CurrentThread)
            {
                runner.Join();
            }
        }
    }

    private void RunLoop()
    {
        while (TakeBatch() is Batch batch)
        {
            Execute(batch);
        }
    }

    /// <summary>Waits for the next batch: the oldest call plus the calls of its key behind it, up to the limit.</summary>
    private Batch? TakeBatch()
    {
        lock (_gate)
        {
            while (true)
            {
                if (_disposed)
                {
                    return null;
                }
                LinkedListNode<Call>? head = _queue.First;
                if (head is null)
                {
                    Monitor.Wait(_gate);
                    continue;
                }
                Call oldest = head.Value;
                int weight = 0;
                int count = 0;
                for (LinkedListNode<Call>? n = head; n is not null && weight < _policy.MaxBatch; n = n.Next)
                {
                    if (_keys.Equals(n.Value.Key, oldest.Key) && (count == 0 || weight + n.Value.Weight <= _policy.MaxBatch))
                    {
                        weight += n.Value.Weight;
                        count++;
                    }
                }
                long waited = Stopwatch.GetTimestamp() - oldest.Arrival;
                long maxWait = (long)(_policy.MaxWait.TotalSeconds * Stopwatch.Frequency);
                if (weight < _policy.MaxBatch && waited < maxWait)
                {
                    int ms = (int)Math.Ceiling((maxWait - waited) * 1000.0 / Stopwatch.Frequency);
                    Monitor.Wait(_gate, Math.Max(ms, 1));
                    continue;
                }
                return Dequeue(head, oldest.Key);
            }
        }
    }

    private Batch Dequeue(LinkedListNode<Call> head, TKey key)
    {
        var batch = new Batch(key);
        int weight = 0;
        LinkedListNode<Call>? n = head;
        while (n is not null && weight < _policy.MaxBatch)
        {
            LinkedListNode<Call>? next = n.Next;
            Call call = n.Value;
            if (_keys.Equals(call.Key, key) && (batch.Calls.Count == 0 || weight + call.Weight <= _policy.MaxBatch))
            {
                _queue.Remove(n);
                call.Node = null;
                call.Batch = batch;
                batch.Calls.Add(call);
                weight += call.Weight;
            }
            n = next;
        }
        batch.Live = batch.Calls.Count;
        Debug.Assert(batch.Calls.Count > 0);
        return batch;
    }

    private void Execute(Batch batch)
    {
        Interlocked.Increment(ref _batchesRun);
        TOutput[]? outputs = null;
        Exception? failure = null;
        try
        {
            var inputs = new TInput[batch.Calls.Count];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = batch.Calls[i].Input;
            }
            outputs = _run(batch.Key, inputs, batch.Cancellation.Token);
            if (outputs.Length != inputs.Length)
            {
                failure = new InvalidOperationException($"A batch of {inputs.Length} calls gave {outputs.Length} outputs.");
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        foreach (Call call in batch.Calls)
        {
            call.Input.Dispose();
        }

        for (int i = 0; i < batch.Calls.Count; i++)
        {
            Call call = batch.Calls[i];
            call.Registration.Dispose();
            if (failure is null)
            {
                if (!call.Completion.TrySetResult(outputs![i]))
                {
                    // Cancelled while the batch ran: nobody reads this output.
                    outputs[i].Dispose();
                }
            }
            else if (failure is OperationCanceledException || call.CancellationToken.IsCancellationRequested)
            {
                call.Completion.TrySetCanceled(call.CancellationToken);
            }
            else
            {
                call.Completion.TrySetException(failure);
            }
        }
        if (failure is not null && outputs is not null)
        {
            foreach (TOutput output in outputs)
            {
                output?.Dispose();
            }
        }
        batch.Cancellation.Dispose();
    }

    private void OnCancelled(Call call)
    {
        Batch? running = null;
        lock (_gate)
        {
            call.Cancelled = true;
            if (call.Node is not null)
            {
                _queue.Remove(call.Node);
                call.Node = null;
                call.Input.Dispose();
                // The head may have changed: a waiting runner re-evaluates.
                Monitor.PulseAll(_gate);
            }
            else if (call.Batch is Batch batch && --batch.Live == 0)
            {
                running = batch;
            }
        }
        call.Completion.TrySetCanceled(call.CancellationToken);
        if (running is not null)
        {
            try
            {
                running.Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The batch finished meanwhile.
            }
        }
    }

    private sealed class Batch(TKey key)
    {
        public TKey Key { get; } = key;

        public List<Call> Calls { get; } = [];

        /// <summary>Calls not yet cancelled; guarded by the scheduler's gate.</summary>
        public int Live { get; set; }

        public CancellationTokenSource Cancellation { get; } = new();
    }

    private sealed class Call(BatchScheduler<TKey, TInput, TOutput> owner, TKey key, TInput input, int weight, long arrival, CancellationToken cancellationToken)
    {
        public TKey Key { get; } = key;

        public TInput Input { get; } = input;

        public int Weight { get; } = weight;

        public long Arrival { get; } = arrival;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<TOutput> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>Where the call waits; null once taken into a batch or dropped. Guarded by the gate.</summary>
        public LinkedListNode<Call>? Node { get; set; }

        public Batch? Batch { get; set; }

        /// <summary>Set once its token fired; guarded by the gate.</summary>
        public bool Cancelled { get; set; }

        public void Cancel() => owner.OnCancelled(this);
    }
}
