using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Configuration;

/// <summary>The "Inference" section. Defaults come from the engine's own (named on each), so the two never drift apart.</summary>
public sealed class InferenceSettings
{
    private static readonly EngineBatching s_gpu = EngineBatching.ForGpu();
    private static readonly OcrEngineOptions s_engine = new();

    public string ModelsDirectory { get; set; } = string.Empty;

    public string OrtLibraryPath { get; set; } = string.Empty;

    /// <summary>ORT intra-op threads per session; 0 lets ORT use one per core.</summary>
    public int Threads { get; set; }

    /// <summary>
    /// After this many seconds with no request, the engine's pooled buffers and the C heap's free pages are given
    /// back (they are taken again, in milliseconds, by the next request); 0 keeps them. Default 30: a pause between
    /// documents on a scanner is shorter, an idle box's is far longer.
    /// </summary>
    public int ReleaseMemoryAfterIdleSeconds { get; set; } = 30;

    /// <summary>
    /// ONNX Runtime's CPU memory arena and per-shape memory patterns (both ORT's defaults). Off by default: with
    /// images of every size they kept every size's tensors, so memory only grew (benchmarks/RESULTS.md, "Memory").
    /// </summary>
    public bool CpuMemoryArena { get; set; } = s_engine.CpuMemoryArena;

    /// <summary>
    /// auto (TensorRT, else CUDA, when its provider loads and the GPU answers, else the CPU; each one that fails is
    /// logged once), cpu, cuda or tensorrt (fail when that one cannot be used).
    /// </summary>
    public string Device { get; set; } = "auto";

    /// <summary>The CUDA device ordinal, for CUDA and TensorRT alike.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>heuristic or default; exhaustive re-benchmarks cuDNN for every new input shape, slower than the CPU with changing shapes.</summary>
    public string CudnnConvAlgoSearch { get; set; } = "heuristic";

    /// <summary>Cap on ORT's GPU arena in MiB; 0 for none.</summary>
    public long GpuMemoryLimitMb { get; set; }

    /// <summary>On CUDA, bind each model's output to CUDA-pinned host memory (one DMA, read in place); false, the default until it is measured on a GPU, keeps the plain run. Ignored on the CPU.</summary>
    public bool CudaIoBinding { get; set; }

    /// <summary>
    /// TensorRT: where built engines are kept, so each is built once and not at every start. Empty: tensorrt/ in the
    /// appliance's state folder (MAOOCR_STATE_DIR, else systemd's STATE_DIRECTORY, else ~/.local/state/maoocr).
    /// </summary>
    public string TensorRtCacheDirectory { get; set; } = string.Empty;

    /// <summary>TensorRT: allow FP16 kernels (LayerNorms stay FP32). Off (the engine's default) until FP16's text is checked on a GPU.</summary>
    public bool TensorRtFp16 { get; set; } = s_engine.TensorRt.Fp16;

    /// <summary>TensorRT: the most GPU memory an engine build may use as scratch, in MiB; 0 (the default) for TensorRT's own limit, the whole device. Cap it on a Jetson, whose GPU shares the system memory.</summary>
    public long TensorRtWorkspaceMb { get; set; }

    /// <summary>TensorRT: the widest recognition tensor, the top of its shape profile (3200, the engine's default); wider lines are squeezed into it.</summary>
    public int TensorRtMaxRecognitionWidth { get; set; } = s_engine.TensorRtMaxRecognitionWidth;

    /// <summary>How long a model call may wait for a fuller batch, in ms; -1 keeps the device default (0 on the CPU, 2–3 on the GPU).</summary>
    public int BatchMaxWaitMs { get; set; } = -1;

    /// <summary>auto (direct on the CPU, batching on a GPU), direct (each model call on the request's worker) or batching (calls of concurrent requests share runs); for measuring one against the other.</summary>
    public string ModelRunner { get; set; } = "auto";

    /// <summary>
    /// GPU: the detector input sides (pixels, multiples of 32, comma-separated) that images are padded up to so that
    /// images of different sizes share a batch; "none" keeps every image's own size. Default
    /// <see cref="MaoOcr.Inference.Batching.DetectionBuckets.Gpu"/>: 320,480,640,736,960,1280.
    /// </summary>
    public string DetectionBuckets { get; set; } = string.Join(',', s_gpu.DetectionBuckets.Sides);

    /// <summary>GPU: recognition tensor widths are multiples of this (a multiple of 32); coarser steps let more lines share a batch. Default 160 (<see cref="EngineBatching.ForGpu"/>).</summary>
    public int RecognitionWidthStep { get; set; } = s_gpu.RecognitionWidthStep;

    /// <summary>GPU: the most images in one detection run. Default 8 (<see cref="EngineBatching.ForGpu"/>).</summary>
    public int GpuDetectionMaxBatch { get; set; } = s_gpu.Detection.MaxBatch;

    /// <summary>GPU: the most crops in one recognition or classifier run. Default 96 (<see cref="EngineBatching.ForGpu"/>).</summary>
    public int GpuRecognitionMaxBatch { get; set; } = s_gpu.Recognition.MaxBatch;

    /// <summary>GPU: batches of one model that may run at once (one copied in while another runs). Default 2 (<see cref="EngineBatching.ForGpu"/>).</summary>
    public int GpuBatchRunners { get; set; } = s_gpu.Detection.Runners;
}
