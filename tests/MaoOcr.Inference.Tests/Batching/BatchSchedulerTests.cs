using System.Collections.Concurrent;
using MaoOcr.Inference.Batching;

namespace MaoOcr.Inference.Tests.Batching;

/// <summary>
/// The cross-request scheduler without models: the runner doubles each input and records every batch. A gate
/// holds the first batch so later calls queue up deterministically behind it.
/// </summary>
public sealed class BatchSchedulerTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    [Fact]
    public void Queued_calls_are_batched_up_to_the_limit_and_each_gets_its_own_result()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 4 });
        Task<Doubled> first = harness.Submit("k", 0);
        harness.WaitUntilRunning(1);
        Task<Doubled>[] rest = Enumerable.Range(1, 9).Select(i => harness.Submit("k", i)).ToArray();
        harness.Release();

        Assert.Equal(0, Result(first));
        for (int i = 0; i < rest.Length; i++)
        {
            Assert.Equal(2 * (i + 1), Result(rest[i]));
        }
        // The first ran alone (nothing else was queued), then 9 queued calls in batches of at most 4.
        Assert.Equal([1, 4, 4, 1], harness.Batches.Select(b => b.Count));
        Assert.Equal(10, harness.InputsDisposed);
    }

    [Fact]
    public void Weights_count_towards_the_limit_and_an_overweight_call_runs_alone()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 6 });
        Task<Doubled> first = harness.Submit("k", 0);
        harness.WaitUntilRunning(1);
        Task<Doubled> a = harness.Submit("k", 1, weight: 4);
        Task<Doubled> b = harness.Submit("k", 2, weight: 4);
        Task<Doubled> big = harness.Submit("k", 3, weight: 9);
        harness.Release();

        Assert.Equal([0, 2, 4, 6], new[] { first, a, b, big }.Select(Result));
        Assert.Equal([[0], [1], [2], [3]], harness.Batches);
    }

    [Fact]
    public void With_no_wait_a_lone_call_runs_at_once_and_with_a_wait_a_free_runner_holds_for_company()
    {
        using (var eager = new Harness(new ModelBatchPolicy { MaxBatch = 8, MaxWait = TimeSpan.Zero }, gated: false))
        {
            Assert.Equal(2, Result(eager.Submit("k", 1)));
            Assert.Equal(4, Result(eager.Submit("k", 2)));
            Assert.Equal([[1], [2]], eager.Batches);
        }

        // The longest wait allowed, so the second call arrives well inside it even on a loaded machine.
        using var patient = new Harness(new ModelBatchPolicy { MaxBatch = 2, MaxWait = TimeSpan.FromSeconds(1) }, gated: false);
        Task<Doubled> x = patient.Submit("k", 1);
        Task<Doubled> y = patient.Submit("k", 2);
        Assert.Equal([2, 4], new[] { x, y }.Select(Result));
        Assert.Equal([[1, 2]], patient.Batches);
    }

    [Fact]
    public void Only_calls_of_the_same_key_share_a_batch()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 8 });
        Task<Doubled> first = harness.Submit("a", 0);
        harness.WaitUntilRunning(1);
        Task<Doubled>[] calls = [harness.Submit("a", 1), harness.Submit("b", 2), harness.Submit("a", 3), harness.Submit("b", 4)];
        harness.Release();

        Assert.Equal([2, 4, 6, 8], calls.Select(Result));
        Assert.Equal([[0], [1, 3], [2, 4]], harness.Batches);
        Assert.All(harness.BatchKeys.Zip(harness.Batches), kb => Assert.All(kb.Second, v => Assert.Equal(kb.First, v % 2 == 0 && v != 0 ? "b" : "a")));
    }

    [Fact]
    public void A_rare_shape_is_not_starved_by_a_flood_of_another()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 2 });
        Task<Doubled> first = harness.Submit("flood", 0);
        harness.WaitUntilRunning(1);
        var flood = new List<Task<Doubled>> { harness.Submit("flood", 1) };
        Task<Doubled> rare = harness.Submit("rare", 100);
        for (int i = 2; i <= 12; i++)
        {
            flood.Add(harness.Submit("flood", i));
        }
        harness.Release();

        Assert.Equal(200, Result(rare));
        Assert.All(flood, t => Result(t));
        // Batches form around the oldest call: flood 1 (with flood 2), then the rare call, before later floods.
        int rareBatch = harness.Batches.FindIndex(b => b.Contains(100));
        int laterFlood = harness.Batches.FindIndex(b => b.Contains(3));
        Assert.Equal(2, rareBatch);
        Assert.True(rareBatch < laterFlood, string.Join(" ", harness.Batches.Select(b => $"[{string.Join(",", b)}]")));
    }

    [Fact]
    public void Cancelling_one_call_of_a_running_batch_leaves_the_others_and_the_batch_running()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 4 });
        Task<Doubled> first = harness.Submit("k", 0);
        harness.WaitUntilRunning(1);
        using var cancelOne = new CancellationTokenSource();
        Task<Doubled> doomed = harness.Submit("k", 1, token: cancelOne.Token);
        Task<Doubled> kept = harness.Submit("k", 2);
        harness.Release(only: 1);
        harness.WaitUntilRunning(2);

        cancelOne.Cancel();
        Assert.True(SpinWait.SpinUntil(() => doomed.IsCanceled, s_patience));
        Assert.False(harness.BatchTokens[1].IsCancellationRequested, "one live call left: the batch must not be terminated");
        harness.Release();

        Assert.Equal(0, Result(first));
        Assert.Equal(4, Result(kept));
        // Three outputs were made: two read (and disposed) here, the cancelled call's disposed by the scheduler.
        Assert.True(SpinWait.SpinUntil(() => harness.OutputsDisposed == 3, s_patience), $"{harness.OutputsDisposed} outputs disposed");
        Assert.Equal(3, harness.InputsDisposed);
    }

    [Fact]
    public void Cancelling_every_call_of_a_running_batch_terminates_it_and_a_queued_cancelled_call_never_runs()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 1 });
        using var cancelRunning = new CancellationTokenSource();
        using var cancelQueued = new CancellationTokenSource();
        Task<Doubled> running = harness.Submit("k", 1, token: cancelRunning.Token);
        harness.WaitUntilRunning(1);
        Task<Doubled> queued = harness.Submit("k", 2, token: cancelQueued.Token);
        Task<Doubled> after = harness.Submit("k", 3);

        cancelQueued.Cancel();
        cancelRunning.Cancel();
        Assert.True(harness.BatchTokens[0].IsCancellationRequested);
        harness.Release();

        Assert.ThrowsAny<OperationCanceledException>(() => Result(running));
        Assert.ThrowsAny<OperationCanceledException>(() => Result(queued));
        Assert.Equal(6, Result(after));
        Assert.DoesNotContain(harness.Batches, b => b.Contains(2));
        Assert.True(SpinWait.SpinUntil(() => harness.InputsDisposed == 3, s_patience));
    }

    [Fact]
    public void A_failing_batch_fails_each_of_its_calls_and_the_scheduler_goes_on()
    {
        using var harness = new Harness(new ModelBatchPolicy { MaxBatch = 4 });
        Task<Doubled> first = harness.Submit("k", 0);
        harness.WaitUntilRunning(1);
        Task<Doubled> bad = harness.Submit("k", -1);
        Task<Doubled> sameBatch = harness.Submit("k", 5);
        harness.Release();

        Assert.Equal(0, Result(first));
        Assert.Equal("negative input", Assert.Throws<InvalidOperationException>(() => Result(bad)).Message);
        Assert.Throws<InvalidOperationException>(() => Result(sameBatch));
        Assert.Equal(14, Result(harness.Submit("k", 7)));
    }

    [Fact]
    public void Dispose_fails_queued_calls_and_refuses_new_ones()
    {
        var harness = new Harness(new ModelBatchPolicy { MaxBatch = 1 });
        Task<Doubled> running = harness.Submit("k", 1);
        harness.WaitUntilRunning(1);
        Task<Doubled> queued = harness.Submit("k", 2);
        var disposing = Task.Run(harness.Dispose);
        Assert.True(SpinWait.SpinUntil(() => queued.IsCompleted, s_patience));
        harness.Release();
        Assert.True(SpinWait.SpinUntil(() => disposing.IsCompleted, s_patience));

        Assert.Equal(2, Result(running));
        Assert.Throws<ObjectDisposedException>(() => Result(queued));
        Assert.Throws<ObjectDisposedException>(() => { _ = harness.Submit("k", 3); });
        Assert.Equal(3, harness.InputsDisposed);
    }

    private static int Result(Task<Doubled> task)
    {
        using Doubled d = task.WaitAsync(s_patience).GetAwaiter().GetResult();
        return d.Value;
    }

    private sealed class Input(int value, Harness owner) : IDisposable
    {
        private int _disposed;

        public int Value { get; } = value;

        public void Dispose()
        {
            Assert.Equal(0, Interlocked.Exchange(ref _disposed, 1));
            owner.CountInputDisposed();
        }
    }

    private sealed class Doubled(int value, Harness owner) : IDisposable
    {
        private int _disposed;

        public int Value { get; } = value;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.CountOutputDisposed();
            }
        }
    }

    private sealed class Harness : IDisposable
    {
        private readonly BatchScheduler<string, Input, Doubled> _scheduler;
        private readonly SemaphoreSlim _gate;
        private readonly ConcurrentQueue<int> _started = new();
        private readonly object _lock = new();
        private readonly List<List<int>> _batches = [];
        private readonly List<string> _keys = [];
        private readonly List<CancellationToken> _tokens = [];
        private readonly bool _gated;
        private int _inputsDisposed;
        private int _outputsDisposed;

        public Harness(ModelBatchPolicy options, bool gated = true)
        {
            _gated = gated;
            _gate = new SemaphoreSlim(0);
            _scheduler = new BatchScheduler<string, Input, Doubled>("test", options, Run);
        }

        public List<List<int>> Batches
        {
            get
            {
                lock (_lock)
                {
                    return [.. _batches.Select(b => b.ToList())];
                }
            }
        }

        public List<string> BatchKeys
        {
            get
            {
                lock (_lock)
                {
                    return [.. _keys];
                }
            }
        }

        public List<CancellationToken> BatchTokens
        {
            get
            {
                lock (_lock)
                {
                    return [.. _tokens];
                }
            }
        }

        public int InputsDisposed => Volatile.Read(ref _inputsDisposed);

        public int OutputsDisposed => Volatile.Read(ref _outputsDisposed);

        public Task<Doubled> Submit(string key, int value, int weight = 1, CancellationToken token = default)
            => _scheduler.Submit(key, new Input(value, this), weight, token);

        public void WaitUntilRunning(int batches) => Assert.True(SpinWait.SpinUntil(() => _started.Count >= batches, s_patience));

        /// <summary>Lets <paramref name="only"/> held batches go on, or every batch from now on.</summary>
        public void Release(int only = int.MaxValue) => _gate.Release(only == int.MaxValue ? 1000 : only);

        public void CountInputDisposed() => Interlocked.Increment(ref _inputsDisposed);

        public void CountOutputDisposed() => Interlocked.Increment(ref _outputsDisposed);

        public void Dispose()
        {
            _gate.Release(1000);
            _scheduler.Dispose();
        }

        private Doubled[] Run(string key, IReadOnlyList<Input> inputs, CancellationToken token)
        {
            lock (_lock)
            {
                _batches.Add([.. inputs.Select(i => i.Value)]);
                _keys.Add(key);
                _tokens.Add(token);
            }
            _started.Enqueue(inputs.Count);
            if (_gated)
            {
                _gate.Wait(CancellationToken.None);
            }
            if (inputs.Any(i => i.Value < 0))
            {
                throw new InvalidOperationException("negative input");
            }
            token.ThrowIfCancellationRequested();
            return [.. inputs.Select(i => new Doubled(2 * i.Value, this))];
        }
    }
}
