namespace MaoOcr.Inference.Runners;

/// <summary>How the engine's stages reach the models.</summary>
public enum ModelRunnerKind
{
    /// <summary>By the device the sessions run on: <see cref="Direct"/> on the CPU, <see cref="Batching"/> on CUDA.</summary>
    Auto,

    /// <summary>Each call runs on the request's own thread; no thread of the engine's own, no batching across requests.</summary>
    Direct,

    /// <summary>
    /// Calls of concurrent requests wait (up to the policy's maximum) on runner threads per model to share one
    /// run, padded to common shapes (<see cref="Batching.EngineBatching"/>).
    /// </summary>
    Batching,
}
