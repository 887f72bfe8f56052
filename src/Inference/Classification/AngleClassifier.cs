using System.Diagnostics;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Classification;

/// <summary>
/// The 0°/180° text direction classifier (ch_ppocr_mobile_v2.0_cls): upside-down crops are turned by
/// reordering their quad, so no pixels are copied.
/// </summary>
internal sealed class AngleClassifier : IDisposable
{
    /// <summary>Input shape 3×48×192 (cls_image_shape).</summary>
    public const int Height = 48;
    public const int Width = 192;

    private static readonly TensorRowShape s_row = new(3, Height, Width);

    private readonly IModelRunner _model;
    private readonly float _threshold;
    private readonly int _batchSize;

    public AngleClassifier(IModelRunner model, float threshold, int batchSize)
    {
        _model = model;
        _threshold = threshold;
        _batchSize = Math.Max(1, batchSize);
    }

    /// <summary>Turns every crop the model reads as upside down with probability above the threshold.</summary>
    public void Correct(DecodedImage image, List<Quad> quads, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        for (int first = 0; first < quads.Count; first += _batchSize)
        {
            int n = Math.Min(_batchSize, quads.Count - first);
            using ModelOutput output = RunBatch(image, quads, first, n, ref inferenceTicks, cancellationToken);
            for (int i = 0; i < n; i++)
            {
                if (IsUpsideDown(output.Data, i))
                {
                    quads[first + i] = quads[first + i].Rotated180();
                }
            }
        }
    }

    /// <summary>How many of the crops the model reads as upside down with probability above the threshold (the test <see cref="Correct"/> turns by).</summary>
    public int CountUpsideDown(DecodedImage image, IReadOnlyList<Quad> quads, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        int count = 0;
        for (int first = 0; first < quads.Count; first += _batchSize)
        {
            int n = Math.Min(_batchSize, quads.Count - first);
            using ModelOutput output = RunBatch(image, quads, first, n, ref inferenceTicks, cancellationToken);
            for (int i = 0; i < n; i++)
            {
                count += IsUpsideDown(output.Data, i) ? 1 : 0;
            }
        }
        return count;
    }

    // Output n×2: probabilities of "0" and "180".
    private bool IsUpsideDown(ReadOnlySpan<float> p, int i) => p[(2 * i) + 1] > p[2 * i] && p[(2 * i) + 1] > _threshold;

    private ModelOutput RunBatch(DecodedImage image, IReadOnlyList<Quad> quads, int first, int n, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        const int SlotSize = 3 * Height * Width;
        TensorBuffer input = TensorBufferPool.Shared.Rent(n * SlotSize);
        try
        {
            for (int i = 0; i < n; i++)
            {
                Quad q = quads[first + i];
                int content = Math.Clamp((int)MathF.Ceiling(Height * q.Width / MathF.Max(q.Height, 1f)), 1, Width);
                TensorWriter.WriteQuad(image, q, content, Width, Height, ChannelNormalization.Symmetric, input.Span.Slice(i * SlotSize, SlotSize));
            }
        }
        catch
        {
            input.Dispose();
            throw;
        }

        long start = Stopwatch.GetTimestamp();
        // The runner owns the input from here on.
        ModelOutput output = _model.Run(input, n, s_row, cancellationToken);
        inferenceTicks += Stopwatch.GetTimestamp() - start;
        return output;
    }

    /// <summary>One full batch of blank crops.</summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        TensorBuffer input = TensorBufferPool.Shared.Rent(_batchSize * 3 * Height * Width);
        input.Span.Clear();
        using ModelOutput _ = _model.Run(input, _batchSize, s_row, cancellationToken);
    }

    public void Dispose() => _model.Dispose();
}
