using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Classification;
using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The TensorRT shape profile of each model: every shape the engine can send it, from the batching in effect (null:
/// the direct runner, one request's call at a time). TensorRT fails a run outside its profile, so each range is the
/// engine's own bounds, and the opt shape (which TensorRT tunes its kernels for) is the shape a loaded appliance runs
/// most: full batches at the balanced accuracy level's side and a typical line's width.
/// </summary>
internal static class TensorRtProfiles
{
    /// <summary>The input of all three PP-OCR models as Paddle2ONNX names it (checked against the real models by the tests).</summary>
    public const string InputName = "x";

    /// <summary>A typical text line's tensor width: a crop about 10 times as long as high after the width stretch.</summary>
    private const int TypicalLineWidth = 640;

    private const int Channels = 3;

    /// <summary>
    /// Images padded to the buckets (or, without buckets, any multiple of 32 from 32), up to the larger of the largest
    /// bucket and the high accuracy level's side limit (1280); batches up to the detection policy's largest.
    /// </summary>
    public static TensorRtShapeProfile Detection(EngineBatching? batching)
    {
        DetectionBuckets buckets = batching?.DetectionBuckets ?? DetectionBuckets.None;
        int highest = new RecognitionOptions { Accuracy = RecognitionAccuracy.High }.EffectiveSideLimit;
        int balanced = RecognitionOptions.Default.EffectiveSideLimit;
        int minSide = buckets.Sides.Count > 0 ? buckets.Sides[0] : DetectionResize.Stride;
        int maxSide = Math.Max(buckets.Sides.Count > 0 ? buckets.Sides[^1] : 0, highest);
        int optSide = Math.Clamp(buckets.Fit(balanced), minSide, maxSide);
        int maxBatch = batching?.Detection.MaxBatch ?? 1;
        return new TensorRtShapeProfile(
            InputName,
            [1, Channels, minSide, minSide],
            [maxBatch, Channels, optSide, optSide],
            [maxBatch, Channels, maxSide, maxSide]);
    }

    /// <summary>The classifier's fixed 48×192 crops, batches up to the larger of a request's group and the batch policy's largest.</summary>
    public static TensorRtShapeProfile Classifier(EngineBatching? batching, int groupSize)
    {
        int maxBatch = Math.Max(groupSize, batching?.Classification.MaxBatch ?? 0);
        return new TensorRtShapeProfile(
            InputName,
            [1, Channels, AngleClassifier.Height, AngleClassifier.Width],
            [maxBatch, Channels, AngleClassifier.Height, AngleClassifier.Width],
            [maxBatch, Channels, AngleClassifier.Height, AngleClassifier.Width]);
    }

    /// <summary>Recognition tensors 48 high, from the training width (320) up to <paramref name="maxWidth"/>, in the batching's width steps.</summary>
    public static TensorRtShapeProfile Recognition(EngineBatching? batching, int groupSize, int maxWidth)
    {
        int step = batching?.RecognitionWidthStep ?? RecognitionBatches.WidthStep;
        int minWidth = RecognitionBatches.TensorWidth(RecognitionBatches.MinRatio, step: step);
        int optWidth = Math.Clamp((TypicalLineWidth + step - 1) / step * step, minWidth, maxWidth);
        int maxBatch = Math.Max(groupSize, batching?.Recognition.MaxBatch ?? 0);
        return new TensorRtShapeProfile(
            InputName,
            [1, Channels, RecognitionBatches.Height, minWidth],
            [maxBatch, Channels, RecognitionBatches.Height, optWidth],
            [maxBatch, Channels, RecognitionBatches.Height, Math.Max(maxWidth, minWidth)]);
    }
}
