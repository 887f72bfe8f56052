using System.Diagnostics;
using System.Text;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Classification;
using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Layout;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The OCR pipeline: decode, DB detection, optional angle classification, SVTR recognition. One instance
/// serves every request; <see cref="Recognize"/> is thread-safe and allocates its working buffers from pools.
/// </summary>
public sealed partial class OcrEngine : IDisposable
{
    /// <summary>A crop at least this much taller than wide is vertical text, read after a quarter turn (PaddleOCR's 1.5).</summary>
    internal const float VerticalAspect = 1.5f;

    private readonly OcrEngineOptions _options;
    private readonly TextDetector _detector;
    private readonly AngleClassifier _classifier;
    private readonly TextRecognizer _recognizer;

    private OcrEngine(OcrEngineOptions options, OrtRuntime runtime, ModelPaths models, EngineSessions sessions, EngineRunners runners, TextDetector detector, AngleClassifier classifier, TextRecognizer recognizer)
    {
        _options = options;
        Runtime = runtime;
        Models = models;
        Device = sessions.Device;
        DeviceFallbacks = sessions.Fallbacks;
        ModelRunner = runners.Kind;
        Batching = runners.Batching;
        _detector = detector;
        _classifier = classifier;
        _recognizer = recognizer;
    }

    /// <summary>The largest image, in pixels, that the engine decodes (<see cref="OcrEngineOptions.MaxImagePixels"/>).</summary>
    public long MaxImagePixels => _options.MaxImagePixels;

    /// <summary>The ONNX Runtime in use.</summary>
    public OrtRuntime Runtime { get; }

    /// <summary>The native ONNX Runtime version, for example "1.32.0".</summary>
    public string RuntimeVersion => Runtime.Version;

    /// <summary>The verified model files in use.</summary>
    public ModelPaths Models { get; }

    /// <summary>What the models run on: <see cref="InferenceDevice.Cpu"/>, <see cref="InferenceDevice.Cuda"/> or <see cref="InferenceDevice.TensorRt"/>.</summary>
    public InferenceDevice Device { get; }

    /// <summary>The GPU providers <see cref="InferenceDevice.Auto"/> tried and could not use, with why, in the order tried; empty when none failed.</summary>
    public IReadOnlyList<DeviceFallback> DeviceFallbacks { get; }

    /// <summary>How the stages reach the models: <see cref="ModelRunnerKind.Direct"/> or <see cref="ModelRunnerKind.Batching"/> (the device's choice unless the options named one).</summary>
    public ModelRunnerKind ModelRunner { get; }

    /// <summary>The batching in effect (the device's default unless the options named one); null with the direct runner.</summary>
    public EngineBatching? Batching { get; }

    internal TextDetector Detector => _detector;

    internal TextRecognizer Recognizer => _recognizer;

    /// <summary>Finds (fetching when needed) and loads the models.</summary>
    /// <exception cref="ModelStoreException">Models are missing and cannot be fetched, or fail verification.</exception>
    /// <exception cref="OrtLibraryException">ONNX Runtime cannot be loaded or is too old.</exception>
    /// <exception cref="OrtException">ONNX Runtime refuses a model or an option.</exception>
    /// <exception cref="DeviceUnavailableException">The device is <see cref="InferenceDevice.Cuda"/> or <see cref="InferenceDevice.TensorRt"/> and cannot be used; the message names why.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    public static OcrEngine Create(OcrEngineOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A copy: later changes to the caller's object cannot skip validation.
        options = (options ?? new OcrEngineOptions()).Clone();
        options.Validate();
        // The runtime first: a missing or too old ORT is reported before any download.
        OrtRuntime runtime = OrtRuntime.Load(options.OrtLibraryPath);
        ModelPaths models = new ModelStore().Resolve(options.ModelsDirectory, options.ModelCacheDirectory, cancellationToken);
        EngineSessions sessions = EngineSessions.Create(runtime, models, options);
        EngineRunners runners = EngineRunners.Create(sessions, options);
        try
        {
            var dictionary = CharacterDictionary.Load(models.Dictionary);
            var db = new DbSettings(options.BinaryThreshold, options.BoxThreshold, options.UnclipRatio, options.MinBoxSide);
            EngineBatching? batching = runners.Batching;
            return new OcrEngine(
                options,
                runtime,
                models,
                sessions,
                runners,
                new TextDetector(runners.Detection, db, batching?.DetectionBuckets ?? DetectionBuckets.None),
                new AngleClassifier(runners.Classifier, options.ClassifierThreshold, options.ClassifierBatchSize),
                new TextRecognizer(runners.Recognition, dictionary, options.RecognitionBatchSize, options.RecognitionWidthScale, batching?.RecognitionWidthStep ?? RecognitionBatches.WidthStep,
                    groupsInFlight: batching?.Recognition.MaxWait > TimeSpan.Zero ? int.MaxValue : 1,
                    maxWidth: sessions.Device == InferenceDevice.TensorRt ? options.TensorRtMaxRecognitionWidth : int.MaxValue));
        }
        catch
        {
            runners.Dispose();
            throw;
        }
    }

    /// <summary>
    /// OCRs one encoded image.
    /// </summary>
    /// <param name="image">JPEG, PNG, WebP, BMP or GIF bytes.</param>
    /// <param name="options">Language and accuracy; <see cref="RecognitionOptions.Default"/> when null.</param>
    /// <param name="progress">Called as each stage starts, on the calling thread.</param>
    /// <exception cref="OcrImageException">The image is empty, not an image, corrupt or over the pixel limit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The request's detection side limit is outside 32–4096.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; a running model stops between operators.</exception>
    /// <exception cref="OrtException">ONNX Runtime failed.</exception>
    public RecognizedPage Recognize(ReadOnlySpan<byte> image, RecognitionOptions? options = null, Action<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= RecognitionOptions.Default;
        options.Validate();
        long t0 = Stopwatch.GetTimestamp();
        long inference = 0;

        progress?.Invoke(new StageProgress(PipelineStage.Decode, 0));
        using DecodedImage decoded = ImageDecoder.Decode(image, _options.MaxImagePixels);
        long t1 = Stopwatch.GetTimestamp();
        cancellationToken.ThrowIfCancellationRequested();

        progress?.Invoke(new StageProgress(PipelineStage.Detection, 10));
        List<Quad> boxes = _detector.Detect(decoded, options.EffectiveSideLimit, ref inference, cancellationToken);
        // From here on the pipeline reads the upright page; boxes go back to the image as sent only in the result.
        using UprightPage upright = options.DetectPageOrientation
            ? TurnUpright(decoded, ref boxes, options.EffectiveSideLimit, ref inference, cancellationToken)
            : new UprightPage(decoded, 0);
        ReadingOrder.Sort(boxes, static q => q);
        // What each box is read as: tall boxes are vertical text, turned a quarter so it reads left to right.
        var reading = new List<Quad>(boxes.Count);
        foreach (Quad box in boxes)
        {
            Quad turned = box.Height >= box.Width * VerticalAspect ? box.RotatedCounterClockwise() : box;
            float margin = _options.RecognitionCropPadding * turned.Height;
            reading.Add(turned.Expand(margin, margin));
        }
        long t2 = Stopwatch.GetTimestamp();

        if (options.EffectiveClassifier && reading.Count > 0)
        {
            progress?.Invoke(new StageProgress(PipelineStage.Classification, 40));
            _classifier.Correct(upright.Image, reading, ref inference, cancellationToken);
        }
        long t3 = Stopwatch.GetTimestamp();

        progress?.Invoke(new StageProgress(PipelineStage.Recognition, 50));
        int total = reading.Count;
        Action<int>? onBatch = progress is null ? null : done => progress(new StageProgress(PipelineStage.Recognition, 50 + (49 * done / Math.Max(total, 1))));
        DecodedText[] texts = _recognizer.Recognize(upright.Image, reading, options.Language == RecognitionLanguage.English, onBatch, ref inference, cancellationToken);
        long t4 = Stopwatch.GetTimestamp();

        var lines = new List<RecognizedLine>(texts.Length);
        var fullText = new StringBuilder();
        for (int i = 0; i < texts.Length; i++)
        {
            DecodedText text = texts[i];
            if (text.Confidence < _options.MinLineConfidence || string.IsNullOrWhiteSpace(text.Text))
            {
                continue;
            }
            // Upright corners for now: the layout reads the upright page; the result maps them back.
            lines.Add(new RecognizedLine(text.Text, text.Confidence, boxes[i].ToArray()));
            if (fullText.Length > 0)
            {
                fullText.Append('\n');
            }
            fullText.Append(text.Text);
        }

        LayoutResult? layout = options.UseLayoutAnalysis ? PageLayoutAnalyzer.Analyze(lines) : null;

        var timings = new StageTimings(
            Ms(t1 - t0), Ms(t2 - t1), Ms(t3 - t2), Ms(t4 - t3), Ms(Stopwatch.GetTimestamp() - t0), Ms(inference));
        if (layout is null)
        {
            return new RecognizedPage(upright.ToSent(lines), fullText.ToString(), decoded.Width, decoded.Height, timings) { Rotation = upright.Rotation };
        }
        return new RecognizedPage(upright.ToSent(layout.Lines), layout.Text, decoded.Width, decoded.Height, timings)
        {
            Blocks = upright.ToSent(layout.Blocks),
            Rotation = upright.Rotation,
        };
    }

    /// <summary>
    /// Runs each model at every shape the batching pads to (every detection bucket and, with coarse width steps
    /// as on the GPU, every recognition width step; with the direct runner, one typical shape per model), so
    /// ORT's arenas, kernels and cuDNN plans are set up before the first real request pays for them. The
    /// appliance reports ready only after this.
    /// </summary>
    public void WarmUp(CancellationToken cancellationToken = default)
    {
        _detector.WarmUp(cancellationToken);
        _classifier.WarmUp(cancellationToken);
        _recognizer.WarmUp(cancellationToken);
    }

    /// <summary>
    /// Gives back what the engines of this process hold for speed while idle: the pooled tensor buffers (through a full,
    /// compacting collection) and glibc's free heap pages (<see cref="NativeHeap.Trim"/>). The next request takes them
    /// again, a few milliseconds against the hundreds a page takes. Call it when no request has run for a while (the
    /// appliance: <c>Inference:ReleaseMemoryAfterIdleSeconds</c>) or after <see cref="WarmUp"/>, not between requests.
    /// </summary>
    public static void ReleaseIdleMemory()
    {
        TensorBufferPool.Shared.Clear();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
    }

    /// <summary>Runs <see cref="Recognize"/> on the thread pool.</summary>
    public Task<RecognizedPage> RecognizeAsync(ReadOnlyMemory<byte> image, RecognitionOptions? options = null, Action<StageProgress>? progress = null, CancellationToken cancellationToken = default)
        => Task.Run(() => Recognize(image.Span, options, progress, cancellationToken), cancellationToken);

    public void Dispose()
    {
        _detector.Dispose();
        _classifier.Dispose();
        _recognizer.Dispose();
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
