using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Tests.Batching;

public sealed partial class BatchedEngineTests
{
    /// <summary>
    /// Holds every batch an engine's batching runner takes, before it runs, until the test lets it go, and shows the
    /// test what each batch holds and how many calls wait behind it: batches then form from what the test arranged,
    /// not from which threads happened to arrive within the batch window. The runner has no seam for this, and the
    /// engine builds its own, so the gate wraps the scheduler's batch delegate by reflection; a rename fails here, by name.
    /// </summary>
    private sealed class BatchGate : IDisposable
    {
        private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

        private readonly BlockingCollection<int> _held = [];
        private readonly SemaphoreSlim _release = new(0);
        private readonly object _schedulerGate;
        private readonly ICollection _queue;
        private volatile bool _open;

        private BatchGate(BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput> scheduler)
        {
            Type type = scheduler.GetType();
            FieldInfo run = Field(type, "_run");
            _schedulerGate = Field(type, "_gate").GetValue(scheduler)!;
            _queue = (ICollection)Field(type, "_queue").GetValue(scheduler)!;
            var inner = (BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput>.BatchRunner)run.GetValue(scheduler)!;
            run.SetValue(scheduler, new BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput>.BatchRunner((key, inputs, token) =>
            {
                if (!_open)
                {
                    _held.Add(inputs.Count, CancellationToken.None);
                    // Bounded, so a failed test cannot hang the runner thread (and the engine's disposal) for good. A
                    // batch whose every call is cancelled stops waiting, as a model run stops.
                    _release.Wait(s_patience, token);
                }
                return inner(key, inputs, token);
            }));
        }

        /// <summary>Calls queued behind the held batch, waiting for a runner.</summary>
        public int Queued
        {
            get
            {
                lock (_schedulerGate)
                {
                    return _queue.Count;
                }
            }
        }

        public static BatchGate Install(IModelRunner runner)
        {
            BatchingModelRunner batching = Assert.IsType<BatchingModelRunner>(runner);
            object scheduler = Field(typeof(BatchingModelRunner), "_scheduler").GetValue(batching)!;
            return new BatchGate(Assert.IsType<BatchScheduler<TensorRowShape, BatchingModelRunner.Call, ModelOutput>>(scheduler));
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

        private static FieldInfo Field(Type type, string name) =>
            type.GetField(name, BindingFlags.Instance | BindingFlags.NonPublic) ?? throw new MissingFieldException(type.Name, name);
    }
}
