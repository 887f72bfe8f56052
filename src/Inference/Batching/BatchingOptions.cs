namespace MaoOcr.Inference.Batching;

/// <summary>How the engine batches model calls across concurrent requests, per model, plus the shapes it pads to.</summary>
public sealed record BatchingOptions
{
    public required BatcherOptions Detection { get; init; }

    public required BatcherOptions Classification { get; init; }

    public required BatcherOptions Recognition { get; init; }

    /// <summary>Detector input sides images are padded up to.</summary>
    public DetectionBuckets DetectionBuckets { get; init; } = DetectionBuckets.None;

    /// <summary>
    /// Recognition tensor widths are multiples of this (at least 32, a multiple of 32). Coarser steps let more
    /// crop groups from different requests share a width, at the price of more padding per crop.
    /// </summary>
    public int RecognitionWidthStep { get; init; } = 32;

    /// <summary>
    /// The CPU default: no waiting at all. A batch forms only from calls that queued while every runner was busy,
    /// and there are as many runners as cores, so a call that finds a core free runs at once, as it did unbatched.
    /// </summary>
    public static BatchingOptions ForCpu()
    {
        int runners = Math.Max(Environment.ProcessorCount, 1);
        return new BatchingOptions
        {
            Detection = new BatcherOptions { MaxBatch = 4, MaxWait = TimeSpan.Zero, Runners = runners },
            Classification = new BatcherOptions { MaxBatch = 24, MaxWait = TimeSpan.Zero, Runners = runners },
            Recognition = new BatcherOptions { MaxBatch = 24, MaxWait = TimeSpan.Zero, Runners = runners },
        };
    }

    /// <summary>
    /// The GPU default: two runners (one batch is copied in while the other runs), a few milliseconds of waiting
    /// for a fuller batch, detection inputs padded to <see cref="DetectionBuckets.Gpu"/>, and recognition widths
    /// in steps of 160 (five 32-column steps). Still to be tuned on the GPU (deploy/gpu/measure.sh).
    /// </summary>
    public static BatchingOptions ForGpu() => new()
    {
        Detection = new BatcherOptions { MaxBatch = 8, MaxWait = TimeSpan.FromMilliseconds(3), Runners = 2 },
        Classification = new BatcherOptions { MaxBatch = 96, MaxWait = TimeSpan.FromMilliseconds(2), Runners = 2 },
        Recognition = new BatcherOptions { MaxBatch = 96, MaxWait = TimeSpan.FromMilliseconds(2), Runners = 2 },
        DetectionBuckets = DetectionBuckets.Gpu,
        RecognitionWidthStep = 160,
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
