using System.Collections.Concurrent;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Tests.Batching;

public sealed partial class BatchedEngineTests
{
    /// <summary>
    /// Holds every batch an engine's batching runner takes, before it runs, until the test lets it go, and shows the
    /// test what each batch holds and how many calls wait behind it: batches then form from what the test arranged,
    /// not from which threads happened to arrive within the batch window. The gate wraps the batch delegate of the
    /// scheduler in the runner the engine built (BatchScheduler.InterceptRuns).
    /// </summary>
    private sealed class BatchGate : IDisposable
    {
        private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

        private readonly BlockingCollection<int> _held = [];
        private readonly SemaphoreSlim _release = new(0);
        private readonly BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput> _scheduler;
        private volatile bool _open;

        private BatchGate(BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput> scheduler)
        {
            _scheduler = scheduler;
            scheduler.InterceptRuns(inner => (key, inputs, token) =>
            {
                if (!_open)
                {
                    _held.Add(inputs.Count, CancellationToken.None);
                    // Bounded, so a failed test cannot hang the runner thread (and the engine's disposal) for good. A
                    // batch whose every call is cancelled stops waiting, as a model run stops.
                    _release.Wait(s_patience, token);
                }
                return inner(key, inputs, token);
            });
        }

        /// <summary>Calls queued behind the held batch, waiting for a runner.</summary>
        public int Queued => _scheduler.QueuedCalls;

        public static BatchGate Install(IModelRunner runner)
        {
            return new BatchGate(Assert.IsType<BatchingModelRunner>(runner).Scheduler);
        }

        /// <summary>Waits for the next batch to be held; returns how many calls it holds.</summary>
        public int NextHeld()
        {
            Assert.True(_held.TryTake(out int calls, s_patience), "No batch was taken.");
            return calls;
        }

        /// <summary>Waits until <paramref name="calls"/> calls are queued behind the held batch.</summary>
        public void WaitQueued(int calls) =>
            Assert.True(SpinWait.SpinUntil(() => Queued == calls, s_patience), $"{Queued} calls queued, not {calls}.");

        /// <summary>Lets the held batch run.</summary>
        public void Release() => _release.Release();

        /// <summary>Lets every batch run from now on, held ones included.</summary>
        public void Open()
        {
            _open = true;
            _release.Release(1024);
        }

        public void Dispose() => Open();
    }
}
