using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Runners;

/// <summary>
/// Runs one model for a pipeline stage: the stage hands over NCHW rows of one shape and gets their output
/// back, without knowing whether the run happened on its own thread (<see cref="DirectModelRunner"/>) or was
/// batched with other requests' calls (<see cref="Batching.BatchingModelRunner"/>). The runner owns the
/// model session and disposes it.
/// </summary>
internal interface IModelRunner : IDisposable
{
    /// <summary>
    /// Runs <paramref name="rows"/> rows of <paramref name="row"/> held in <paramref name="input"/> and blocks
    /// until their output is ready. The runner takes <paramref name="input"/> over and returns it to its pool
    /// once no run can read it: the caller must not dispose it, even when this throws.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffer does not hold <paramref name="rows"/> rows of <paramref name="row"/>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OrtException">ONNX Runtime failed.</exception>
    ModelOutput Run(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="Run"/>, returning before the output is ready where the runner can: several calls of one
    /// request can then share a batch. A runner that runs on the calling thread returns a completed task, and
    /// throws as <see cref="Run"/> does.
    /// </summary>
    Task<ModelOutput> Submit(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken);
}
