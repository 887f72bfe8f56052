using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Pipeline;

/// <summary>Engine-wide settings: where models and ORT come from, threads, limits and thresholds.</summary>
/// <remarks>Threshold defaults are PaddleOCR's own (tools/infer/utility.py), so results match the reference pipeline.</remarks>
public sealed class OcrEngineOptions
{
    /// <summary>A folder with the model files; null uses the cache and fetches into it.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>The cache folder for fetched models; null for the default.</summary>
    public string? ModelCacheDirectory { get; set; }

    /// <summary>A libonnxruntime.so to use instead of the bundled CPU build (a CUDA build, or JetPack's).</summary>
    public string? OrtLibraryPath { get; set; }

    /// <summary>ORT intra-op threads per session; 0 lets ORT use one per physical core.</summary>
    public int IntraOpThreads { get; set; }

    public GraphOptimizationLevel OptimizationLevel { get; set; } = GraphOptimizationLevel.All;

    /// <summary>Where the models run. Auto uses TensorRT, else CUDA, when its provider loads and the GPU answers, else the CPU.</summary>
    public InferenceDevice Device { get; set; } = InferenceDevice.Auto;

    /// <summary>CUDA provider settings (device id, cuDNN algorithm search, memory limit), used on CUDA and under TensorRT.</summary>
    public CudaExecutionProvider Cuda { get; set; } = new();

    /// <summary>
    /// TensorRT provider settings, used when TensorRT is chosen. The engine adds each model's shape profile (from the
    /// batching in effect and <see cref="TensorRtMaxRecognitionWidth"/>). Engines are kept in
    /// <see cref="TensorRtEngineCache.DefaultDirectory()"/> unless another folder is named.
    /// </summary>
    public TensorRtExecutionProvider TensorRt { get; set; } = new() { EngineCacheDirectory = TensorRtEngineCache.DefaultDirectory() };

    /// <summary>
    /// Under TensorRT, the widest recognition tensor (columns; a multiple of 32, at least 320): the top of the
    /// recognition shape profile, since TensorRT refuses a shape outside its profile. A wider line is squeezed into it,
    /// as PaddleOCR does at its maximum width. 3200: a crop 53 times as long as high (66 after the default 1.25 stretch),
    /// above a full 12-point A4 text line (about 40); a larger maximum makes TensorRT reserve more memory for the widest
    /// batch. Ignored on other devices, where widths are unbounded.
    /// </summary>
    public int TensorRtMaxRecognitionWidth { get; set; } = 3200;

    /// <summary>
    /// On CUDA, run through an IO binding with the output in CUDA-pinned host memory
    /// (<see cref="OutputBinding.CudaPinned"/>), so the device-to-host copy is one DMA into memory read in place.
    /// It removes the driver's staging copy into pageable memory that a plain Run pays. Off by default: it has not
    /// run on a GPU yet (deploy/gpu/README.md), and a binding that failed there would keep the appliance from
    /// turning ready, where the plain Run is known to work. Ignored on the CPU, where a binding saves nothing.
    /// </summary>
    public bool CudaIoBinding { get; set; }

    /// <summary>
    /// How the stages reach the models. Auto, the default, runs each call on the request's own thread on the CPU
    /// (<see cref="ModelRunnerKind.Direct"/>) and batches calls across requests on CUDA
    /// (<see cref="ModelRunnerKind.Batching"/>); naming one is for measuring the other.
    /// </summary>
    public ModelRunnerKind ModelRunner { get; set; } = ModelRunnerKind.Auto;

    /// <summary>
    /// Cross-request batching on any device, used by the batching runner only; null picks <see cref="GpuBatching"/> on a
    /// GPU and <see cref="EngineBatching.ForCpu"/> on the CPU.
    /// </summary>
    public EngineBatching? Batching { get; set; }

    /// <summary>The batching on CUDA and TensorRT unless <see cref="Batching"/> names one: <see cref="EngineBatching.ForGpu"/> by default.</summary>
    public EngineBatching GpuBatching { get; set; } = EngineBatching.ForGpu();

    /// <summary>
    /// Overrides the maximum wait of every model's batch policy (the device defaults: none on the CPU, 2–3 ms on
    /// the GPU); at most one second. Used by the batching runner only.
    /// </summary>
    public TimeSpan? BatchMaxWait { get; set; }

    /// <summary>
    /// Called during <see cref="OcrEngine.Create"/> once for each GPU provider <see cref="InferenceDevice.Auto"/> tried and
    /// could not use (TensorRT, then CUDA), with the reason: the library that is missing, or ORT's error.
    /// </summary>
    public Action<DeviceFallback>? OnDeviceFallback { get; set; }

    /// <summary>
    /// On the CPU, ONNX Runtime's memory arena and per-shape memory patterns (its defaults; see
    /// <see cref="SessionConfig.EnableCpuMemArena"/>). Off: the arena never gives memory back and every new image size
    /// grew it, to 605 MB after eight varied pages, with no gain in speed (benchmarks/RESULTS.md, "Memory"). Without it
    /// tensors come from malloc, whose free pages <see cref="OcrEngine.ReleaseIdleMemory"/> hands back.
    /// </summary>
    public bool CpuMemoryArena { get; set; }

    /// <summary>
    /// Largest image accepted, in pixels (width × height), checked from the header before decoding.
    /// 40 megapixels: above any phone camera's 12–48 MP JPEG in its default mode. Decoding takes 4 bytes per
    /// pixel (160 MB at the limit), twice that while an EXIF rotation is applied.
    /// </summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>DB probability-map threshold (PaddleOCR det_db_thresh).</summary>
    public float BinaryThreshold { get; set; } = 0.3f;

    /// <summary>Mean probability inside a box for it to be kept (det_db_box_thresh).</summary>
    public float BoxThreshold { get; set; } = 0.6f;

    /// <summary>How far a box is grown back out after DB shrank it (det_db_unclip_ratio).</summary>
    public float UnclipRatio { get; set; } = 1.5f;

    /// <summary>Shorter side, in detector pixels, under which a box is dropped (PaddleOCR's min_size 3).</summary>
    public int MinBoxSide { get; set; } = 3;

    /// <summary>Classifier probability needed to turn a crop by 180° (cls_thresh).</summary>
    public float ClassifierThreshold { get; set; } = 0.9f;

    /// <summary>Lines whose confidence is below this are dropped (drop_score).</summary>
    public float MinLineConfidence { get; set; } = 0.5f;

    /// <summary>
    /// Margin added around each box before it is read, as a fraction of the line height, on every side.
    /// DB's unclipped boxes hug the ink; SVTR reads tight crops with fewer word spaces (73% of spaces kept
    /// without a margin, 92% with 0.2 and the width scale below; benchmarks/RESULTS.md). Only the crop
    /// grows: reported boxes stay as detected.
    /// </summary>
    public float RecognitionCropPadding { get; set; } = 0.2f;

    /// <summary>
    /// Horizontal stretch of recognition crops. SVTR emits one CTC step per 8 input columns; a dense line in
    /// a narrow font, kept at its aspect ratio, gets barely more steps than characters and loses letters and
    /// spaces. With the 0.2 margin, 1.25 cut the evaluation set's CER from 0.42% to 0.12% (PaddleOCR's own
    /// crops, no margin and no stretch, give 0.18% but keep only 73% of word spaces against 92%), for about
    /// a quarter more recognition compute (benchmarks/RESULTS.md). 1 reproduces PaddleOCR's aspect-preserving resize.
    /// </summary>
    public float RecognitionWidthScale { get; set; } = 1.25f;

    /// <summary>Crops per recognition batch (rec_batch_num).</summary>
    public int RecognitionBatchSize { get; set; } = 6;

    /// <summary>Crops per classifier batch (cls_batch_num).</summary>
    public int ClassifierBatchSize { get; set; } = 6;

    internal OcrEngineOptions Clone() => (OcrEngineOptions)MemberwiseClone();

    /// <summary>Checks every setting; <see cref="OcrEngine.Create"/> calls it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range; the message names it.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxImagePixels, 1);
        InRange(BinaryThreshold, 0, 1, nameof(BinaryThreshold));
        InRange(BoxThreshold, 0, 1, nameof(BoxThreshold));
        InRange(ClassifierThreshold, 0, 1, nameof(ClassifierThreshold));
        InRange(MinLineConfidence, 0, 1, nameof(MinLineConfidence));
        InRange(UnclipRatio, 0, 10, nameof(UnclipRatio));
        InRange(RecognitionCropPadding, 0, 1, nameof(RecognitionCropPadding));
        InRange(RecognitionWidthScale, 0.5f, 4, nameof(RecognitionWidthScale));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinBoxSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecognitionBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ClassifierBatchSize, 1);
        if (!Enum.IsDefined(Device))
        {
            throw new ArgumentOutOfRangeException(nameof(Device), Device, $"Device must be one of {InferenceDeviceParser.Accepted}.");
        }
        if (!Enum.IsDefined(ModelRunner))
        {
            throw new ArgumentOutOfRangeException(nameof(ModelRunner), ModelRunner, "ModelRunner must be Auto, Direct or Batching.");
        }
        ArgumentNullException.ThrowIfNull(Cuda);
        ArgumentOutOfRangeException.ThrowIfNegative(Cuda.DeviceId, nameof(Cuda.DeviceId));
        ArgumentNullException.ThrowIfNull(TensorRt);
        ArgumentOutOfRangeException.ThrowIfNegative(TensorRt.DeviceId, nameof(TensorRt.DeviceId));
        if (TensorRt.MaxWorkspaceBytes is long workspace)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(workspace, 1, nameof(TensorRt.MaxWorkspaceBytes));
        }
        if (TensorRtMaxRecognitionWidth < 320 || TensorRtMaxRecognitionWidth % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TensorRtMaxRecognitionWidth), TensorRtMaxRecognitionWidth, "TensorRtMaxRecognitionWidth must be a multiple of 32, at least 320.");
        }
        Batching?.Validate();
        ArgumentNullException.ThrowIfNull(GpuBatching);
        GpuBatching.Validate();
        if (BatchMaxWait is TimeSpan wait && (wait < TimeSpan.Zero || wait > TimeSpan.FromSeconds(1)))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchMaxWait), wait, "BatchMaxWait must be between 0 and 1 second.");
        }
    }

    private static void InRange(float value, float min, float max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");
        }
    }
}
