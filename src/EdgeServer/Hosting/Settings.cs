namespace MaoOcr.EdgeServer.Hosting;

/// <summary>The "Server" section: where and how the appliance listens. Bound from appsettings.json, MAOOCR__ variables and flags.</summary>
public sealed class ServerSettings
{
    public string Host { get; set; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 8080;

    /// <summary>When set, every API call needs it as <c>Authorization: Bearer …</c> or <c>?token=…</c>.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>Origins allowed besides the appliance's own; "*" allows any.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>PEM certificate and key; TLS is on when both are set.</summary>
    public string TlsCertificatePath { get; set; } = string.Empty;

    public string TlsKeyPath { get; set; } = string.Empty;

    /// <summary>How long shutdown waits for requests in flight. 30 s: a queue of a few pages on a small box.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// A request that takes longer, from its arrival (queue wait included), is answered with "timeout"; one that waited
    /// it out in the queue is not run. 120 s: a large batch on a 2-core box.
    /// </summary>
    public int RequestTimeoutSeconds { get; set; } = 120;
}

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

/// <summary>The "Queue" section (see <see cref="Serving.WorkQueueOptions"/> for the defaults' sources).</summary>
public sealed class QueueSettings
{
    /// <summary>0 means the default: half the cores, at least one.</summary>
    public int Workers { get; set; }

    public int MaxQueued { get; set; } = 64;

    public int MaxQueuedPerConnection { get; set; } = 16;
}

/// <summary>The "Cache" section.</summary>
public sealed class CacheSettings
{
    /// <summary>Bytes of results kept; 0 turns the cache off.</summary>
    public long CapacityBytes { get; set; } = Serving.ResultCache.DefaultCapacityBytes;
}
