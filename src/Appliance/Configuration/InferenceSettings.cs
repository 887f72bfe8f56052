namespace MaoOcr.Appliance.Configuration;

/// <summary>The "Inference" section.</summary>
public sealed class InferenceSettings
{
    public string ModelsDirectory { get; set; } = string.Empty;

    public string OrtLibraryPath { get; set; } = string.Empty;

    /// <summary>ORT intra-op threads per session; 0 lets ORT use one per core.</summary>
    public int Threads { get; set; }

    /// <summary>auto (CUDA when its provider loads and the GPU answers, else the CPU), cpu or cuda (fail when CUDA cannot be used).</summary>
    public string Device { get; set; } = "auto";

    /// <summary>The CUDA device ordinal.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>heuristic or default; exhaustive re-benchmarks cuDNN for every new input shape, slower than the CPU with changing shapes.</summary>
    public string CudnnConvAlgoSearch { get; set; } = "heuristic";

    /// <summary>Cap on ORT's GPU arena in MiB; 0 for none.</summary>
    public long GpuMemoryLimitMb { get; set; }

    /// <summary>On CUDA, bind each model's output to CUDA-pinned host memory (one DMA, read in place); false, the default until it is measured on a GPU, keeps the plain run. Ignored on the CPU.</summary>
    public bool CudaIoBinding { get; set; }

    /// <summary>How long a model call may wait for a fuller batch, in ms; -1 keeps the device default (0 on the CPU, 2–3 on the GPU).</summary>
    public int BatchMaxWaitMs { get; set; } = -1;

    /// <summary>auto (direct on the CPU, batching on CUDA), direct (each model call on the request's worker) or batching (calls of concurrent requests share runs); for measuring one against the other.</summary>
    public string ModelRunner { get; set; } = "auto";
}
