using System.Collections.Concurrent;

namespace MaoOcr.Appliance.Tests.Core;

public sealed class FairSchedulerTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_single_request_is_not_stuck_behind_a_burst_from_another_connection()
    {
        var log = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1, MaxQueued = 100, MaxQueuedPerConnection = 100 });
        var first = new Item("A0", log, gate.Task);
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("A", first, out _));
        await first.Started.WaitAsync(s_wait);
        var items = new List<Item> { first };
        for (int i = 1; i < 10; i++)
        {
            items.Add(new Item($"A{i}", log));
            Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("A", items[^1], out _));
        }
        var single = new Item("B0", log);
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("B", single, out int position));
        // A1 has the turn before B, then B0: one item ahead.
        Assert.Equal(1, position);

        gate.SetResult();
        await Task.WhenAll(items.Append(single).Select(i => i.Finished.WaitAsync(s_wait)));
        Assert.Equal(["A0", "A1", "B0", "A2"], log.Take(4));
    }

    [Fact]
    public async Task Turns_rotate_across_connections()
    {
        var log = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var blocker = new Item("X", log, gate.Task);
        scheduler.TryEnqueue("X", blocker, out _);
        await blocker.Started.WaitAsync(s_wait);
        var items = new List<Item>();
        foreach (string connection in new[] { "A", "A", "A", "B", "B", "C" })
        {
            items.Add(new Item($"{connection}{items.Count(i => i.Name.StartsWith(connection, StringComparison.Ordinal))}", log));
            scheduler.TryEnqueue(connection, items[^1], out _);
        }
        gate.SetResult();
        await Task.WhenAll(items.Select(i => i.Finished.WaitAsync(s_wait)));
        Assert.Equal(["X", "A0", "B0", "C0", "A1", "B1", "A2"], log);
    }

    [Fact]
    public async Task An_item_that_continues_goes_behind_the_other_connections_waiting_items()
    {
        // A long document reads one page per turn: after each part it goes back to the end of its connection's line.
        var log = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var blocker = new Item("X", log, gate.Task);
        scheduler.TryEnqueue("X", blocker, out _);
        await blocker.Started.WaitAsync(s_wait);
        var document = new PagedItem(scheduler, "D", parts: 3, log);
        scheduler.TryEnqueue("D", document, out _);
        var others = new[] { new Item("B0", log), new Item("C0", log), new Item("B1", log) };
        scheduler.TryEnqueue("B", others[0], out _);
        scheduler.TryEnqueue("C", others[1], out _);
        scheduler.TryEnqueue("B", others[2], out _);
        gate.SetResult();
        await document.Finished.WaitAsync(s_wait);
        await Task.WhenAll(others.Select(i => i.Finished.WaitAsync(s_wait)));
        Assert.Equal(["X", "D:1", "B0", "C0", "D:2", "B1", "D:3"], log);
    }

    [Fact]
    public async Task A_stopping_queue_refuses_a_continuation_so_the_item_finishes_where_it_is()
    {
        var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        await scheduler.DisposeAsync();
        Assert.False(scheduler.Continue("D", new Item("D")));
    }

    [Fact]
    public async Task Full_queue_and_full_connection_are_refused()
    {
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1, MaxQueued = 3, MaxQueuedPerConnection = 2 });
        var running = new Item("run", new ConcurrentQueue<string>(), gate.Task);
        scheduler.TryEnqueue("A", running, out _);
        await running.Started.WaitAsync(s_wait);

        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("A", new Item("a1"), out _));
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("A", new Item("a2"), out _));
        Assert.Equal(EnqueueResult.ConnectionFull, scheduler.TryEnqueue("A", new Item("a3"), out _));
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("B", new Item("b1"), out _));
        Assert.Equal(EnqueueResult.QueueFull, scheduler.TryEnqueue("C", new Item("c1"), out _));
        Assert.Equal(3, scheduler.Queued);
        gate.SetResult();
    }

    [Fact]
    public async Task A_request_cancelled_while_waiting_is_abandoned_without_running()
    {
        var log = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var blocker = new Item("blocker", log, gate.Task);
        scheduler.TryEnqueue("A", blocker, out _);
        await blocker.Started.WaitAsync(s_wait);
        using var gone = new CancellationTokenSource();
        var cancelled = new Item("cancelled", log, token: gone.Token);
        var after = new Item("after", log);
        scheduler.TryEnqueue("B", cancelled, out _);
        scheduler.TryEnqueue("C", after, out _);

        gone.Cancel();
        gate.SetResult();
        await after.Finished.WaitAsync(s_wait);
        await cancelled.Finished.WaitAsync(s_wait);

        Assert.True(cancelled.WasAbandoned);
        Assert.DoesNotContain("cancelled", log);
    }

    /// <summary>
    /// The soak found requests answered only when their turn came, long after their limit: the worker was the only one
    /// that looked at the token. A cancelled waiting item must be answered while the worker is still busy, and free its place.
    /// </summary>
    [Fact]
    public async Task A_request_cancelled_while_waiting_is_abandoned_at_once_and_frees_its_place()
    {
        var log = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1, MaxQueued = 2, MaxQueuedPerConnection = 2 });
        var blocker = new Item("blocker", log, gate.Task);
        scheduler.TryEnqueue("A", blocker, out _);
        await blocker.Started.WaitAsync(s_wait);
        using var deadline = new CancellationTokenSource();
        var expiring = new Item("expiring", log, token: deadline.Token);
        var keeps = new Item("keeps", log);
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("B", expiring, out _));
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("B", keeps, out _));
        Assert.Equal(EnqueueResult.QueueFull, scheduler.TryEnqueue("C", new Item("refused"), out _));

        deadline.Cancel();
        // The worker is still held by the blocker (released whatever happens, so that a failure cannot hang the stop).
        try
        {
            await expiring.Finished.WaitAsync(s_wait);
            Assert.False(blocker.Finished.IsCompleted);
            Assert.Equal(1, scheduler.Queued);
        }
        finally
        {
            gate.TrySetResult();
        }
        Assert.True(expiring.WasAbandoned);
        var late = new Item("late", log);
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("C", late, out _));
        await Task.WhenAll(keeps.Finished, late.Finished).WaitAsync(s_wait);
        Assert.Equal(["blocker", "keeps", "late"], log);
        Assert.Equal(1, expiring.Outcomes);
    }

    [Fact]
    public async Task An_item_whose_token_is_already_cancelled_is_abandoned_once_and_never_run()
    {
        var gate = new TaskCompletionSource();
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var blocker = new Item("blocker", gate: gate.Task);
        scheduler.TryEnqueue("A", blocker, out _);
        await blocker.Started.WaitAsync(s_wait);
        var gone = new Item("gone", token: new CancellationToken(canceled: true));
        Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("B", gone, out _));
        try
        {
            // Before the worker is free.
            await gone.Finished.WaitAsync(s_wait);
        }
        finally
        {
            gate.TrySetResult();
        }
        await blocker.Finished.WaitAsync(s_wait);
        Assert.Equal(0, scheduler.Queued);
        Assert.True(gone.WasAbandoned);
        Assert.Equal(1, gone.Outcomes);
    }

    [Fact]
    public async Task Stopping_abandons_waiting_items_and_lets_running_ones_finish()
    {
        var gate = new TaskCompletionSource();
        var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var running = new Item("running", new ConcurrentQueue<string>(), gate.Task);
        var waiting = new Item("waiting");
        scheduler.TryEnqueue("A", running, out _);
        await running.Started.WaitAsync(s_wait);
        scheduler.TryEnqueue("A", waiting, out _);

        ValueTask stopping = scheduler.DisposeAsync();
        Assert.True(waiting.WasAbandoned);
        Assert.False(running.Finished.IsCompleted);
        Assert.Equal(EnqueueResult.Stopped, scheduler.TryEnqueue("A", new Item("late"), out _));
        gate.SetResult();
        await stopping.AsTask().WaitAsync(s_wait);
        Assert.False(running.WasAbandoned);
    }

    [Fact]
    public async Task Every_item_gets_exactly_one_outcome_under_concurrency()
    {
        var items = new ConcurrentBag<Item>();
        var refused = 0;
        await using (var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 3, MaxQueued = 40, MaxQueuedPerConnection = 10 }))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(producer => Task.Run(async () =>
            {
                var random = new Random(producer);
                for (int i = 0; i < 60; i++)
                {
                    var cts = new CancellationTokenSource();
                    var item = new Item($"{producer}-{i}", token: cts.Token, work: random.Next(3));
                    if (scheduler.TryEnqueue($"c{producer % 4}", item, out _) == EnqueueResult.Queued)
                    {
                        items.Add(item);
                    }
                    else
                    {
                        Interlocked.Increment(ref refused);
                    }
                    if (random.Next(5) == 0)
                    {
                        await cts.CancelAsync();
                    }
                    await Task.Yield();
                }
            })));
            await Task.WhenAll(items.Select(i => i.Finished.WaitAsync(s_wait)));
        }
        Assert.Equal(480, items.Count + refused);
        Assert.All(items, i => Assert.Equal(1, i.Outcomes));
    }

    [Fact]
    public async Task Work_runs_on_the_queues_own_threads_so_what_it_wakes_runs_while_it_is_still_working()
    {
        // A running page reports progress: the session's writer is woken (a continuation), and must send that progress
        // while the page, and the pages queued behind it, are still being worked on.
        var woken = new ManualResetEventSlim();
        bool wokenWhileRunning = true;
        await using var scheduler = new FairScheduler(new WorkQueueLimits { Workers = 1 });
        var items = new List<Item>();
        for (int i = 0; i < 3; i++)
        {
            items.Add(new Item($"page{i}", whileRunning: () =>
            {
                var progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ = progress.Task.ContinueWith(_ => woken.Set(), TaskScheduler.Default);
                progress.SetResult();
                wokenWhileRunning &= woken.Wait(s_wait);
                woken.Reset();
            }));
            Assert.Equal(EnqueueResult.Queued, scheduler.TryEnqueue("A", items[^1], out _));
        }
        await Task.WhenAll(items.Select(i => i.Finished.WaitAsync(s_wait * 4)));
        Assert.All(items, i => Assert.False(i.RanOnThreadPool, $"{i.Name} ran on a thread-pool thread"));
        Assert.True(wokenWhileRunning);
    }

    /// <summary>Does one part per turn and asks for another turn until its parts are done, as a document's pages do.</summary>
    private sealed class PagedItem(FairScheduler scheduler, string connection, int parts, ConcurrentQueue<string> log) : IWorkItem
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _done;

        public CancellationToken CancellationToken => default;

        public Task Finished => _finished.Task;

        public void Run()
        {
            log.Enqueue($"{connection}:{++_done}");
            if (_done < parts && scheduler.Continue(connection, this))
            {
                return;
            }
            _finished.TrySetResult();
        }

        public void Abandon() => _finished.TrySetException(new InvalidOperationException("abandoned"));
    }

    private sealed class Item : IWorkItem
    {
        private readonly ConcurrentQueue<string>? _log;
        private readonly Task? _gate;
        private readonly int _work;
        private readonly Action? _whileRunning;
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _outcomes;

        public Item(string name, ConcurrentQueue<string>? log = null, Task? gate = null, int work = 0, Action? whileRunning = null, CancellationToken token = default)
        {
            _whileRunning = whileRunning;
            Name = name;
            _log = log;
            _gate = gate;
            CancellationToken = token;
            _work = work;
        }

        public string Name { get; }

        public CancellationToken CancellationToken { get; }

        public Task Started => _started.Task;

        public Task Finished => _finished.Task;

        public bool WasAbandoned { get; private set; }

        public bool RanOnThreadPool { get; private set; }

        public int Outcomes => Volatile.Read(ref _outcomes);

        public void Run()
        {
            Interlocked.Increment(ref _outcomes);
            RanOnThreadPool = Thread.CurrentThread.IsThreadPoolThread;
            _log?.Enqueue(Name);
            _started.TrySetResult();
            _gate?.Wait();
            if (_work > 0)
            {
                Thread.Sleep(_work);
            }
            _whileRunning?.Invoke();
            _finished.TrySetResult();
        }

        public void Abandon()
        {
            Interlocked.Increment(ref _outcomes);
            WasAbandoned = true;
            _finished.TrySetResult();
        }
    }
}
