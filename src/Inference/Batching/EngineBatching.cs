using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Batching;

/// <summary>
/// How the <see cref="ModelRunnerKind.Batching"/> runner batches model calls across concurrent requests: a
/// policy per model, plus the shapes inputs are padded to so that calls can share a run. The
/// <see cref="ModelRunnerKind.Direct"/> runner uses none of it: every input keeps its own shape.
/// </summary>
public sealed record EngineBatching
{
    public required ModelBatchPolicy Detection { get; init; }

    public required ModelBatchPolicy Classification { get; init; }

    public required ModelBatchPolicy Recognition { get; init; }

    /// <summary>Detector input sides images are padded up to.</summary>
    public DetectionBuckets DetectionBuckets { get; init; } = DetectionBuckets.None;

    /// <summary>
    /// Recognition tensor widths are multiples of this (at least 32, a multiple of 32). Coarser steps let more
    /// crop groups from different requests share a width, at the price of more padding per crop.
    /// </summary>
    public int RecognitionWidthStep { get; init; } = 32;

    /// <summary>
    /// Batching on the CPU, kept to measure it against the direct runner (the CPU's default): no waiting at all,
    /// and as many runners as cores, so a call that finds a core free runs at once; a batch forms only from calls
    /// that queued while every runner was busy.
    /// </summary>
    public static EngineBatching ForCpu()
    {
        int runners = Math.Max(Environment.ProcessorCount, 1);
        return new EngineBatching
        {
            Detection = new ModelBatchPolicy { MaxBatch = 4, MaxWait = TimeSpan.Zero, Runners = runners },
            Classification = new ModelBatchPolicy { MaxBatch = 24, MaxWait = TimeSpan.Zero, Runners = runners },
            Recognition = new ModelBatchPolicy { MaxBatch = 24, MaxWait = TimeSpan.Zero, Runners = runners },
        };
    }

    /// <summary>
    /// The GPU default: two runners (one batch is copied in while the other runs), a few milliseconds of waiting
    /// for a fuller batch, detection inputs padded to <see cref="DetectionBuckets.Gpu"/>, and recognition widths
    /// in steps of 160 (five 32-column steps). Still to be tuned on the GPU (deploy/gpu/measure.sh).
    /// </summary>
    public static EngineBatching ForGpu() => new()
    {
        Detection = new ModelBatchPolicy { MaxBatch = 8, MaxWait = TimeSpan.FromMilliseconds(3), Runners = 2 },
        Classification = new ModelBatchPolicy { MaxBatch = 96, MaxWait = TimeSpan.FromMilliseconds(2), Runners = 2 },
        Recognition = new ModelBatchPolicy { MaxBatch = 96, MaxWait = TimeSpan.FromMilliseconds(2), Runners = 2 },
        DetectionBuckets = DetectionBuckets.Gpu,
        RecognitionWidthStep = 160,
    };

    /// <summary>The same batching with every model's <see cref="ModelBatchPolicy.MaxWait"/> set to <paramref name="maxWait"/>.</summary>
    public EngineBatching WithMaxWait(TimeSpan maxWait) => this with
    {
        Detection = Detection with { MaxWait = maxWait },
        Classification = Classification with { MaxWait = maxWait },
        Recognition = Recognition with { MaxWait = maxWait },
    };

    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public void Validate()
    {
        Detection.Validate();
        Classification.Validate();
        Recognition.Validate();
        ArgumentNullException.ThrowIfNull(DetectionBuckets);
        if (RecognitionWidthStep < 32 || RecognitionWidthStep % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RecognitionWidthStep), RecognitionWidthStep, "RecognitionWidthStep must be a positive multiple of 32.");
        }
    }
}
