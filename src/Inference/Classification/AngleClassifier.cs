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
        const int SlotSize = 3 * Height * Width;
        for (int first = 0; first < quads.Count; first += _batchSize)
        {
            int n = Math.Min(_batchSize, quads.Count - first);
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
            using ModelOutput output = _model.Run(input, n, s_row, cancellationToken);
            inferenceTicks += Stopwatch.GetTimestamp() - start;

            // Output n×2: probabilities of "0" and "180".
            ReadOnlySpan<float> p = output.Data;
            for (int i = 0; i < n; i++)
            {
                if (p[(2 * i) + 1] > p[2 * i] && p[(2 * i) + 1] > _threshold)
                {
                    quads[first + i] = quads[first + i].Rotated180();
                }
            }
        }
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
