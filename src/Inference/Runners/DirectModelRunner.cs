using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Runners;

/// <summary>
/// Runs the model session on the calling thread: the request's own thread does the work, and ORT's intra-op
/// threads spread it over the cores. The CPU default, where concurrent requests' calls cannot usefully share a
/// run (benchmarks/RESULTS.md, "The model runner on the CPU: direct or batching").
/// </summary>
internal sealed class DirectModelRunner(OrtSession session) : IModelRunner
{
    public ModelOutput Run(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
    {
        row.EnsureHolds(input, rows);
        using (input)
        {
            return new ModelOutput(session.Run(input, row.Of(rows), cancellationToken));
        }
    }

    /// <summary>Runs the call before returning; the task is complete.</summary>
    public Task<ModelOutput> Submit(TensorBuffer input, int rows, TensorRowShape row, CancellationToken cancellationToken)
        => Task.FromResult(Run(input, rows, row, cancellationToken));

    public void Dispose() => session.Dispose();
}
