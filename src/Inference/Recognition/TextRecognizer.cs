using System.Diagnostics;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Recognition;

/// <summary>PP-OCRv4 SVTR recognition with greedy CTC decoding, in batches of similar aspect ratio.</summary>
internal sealed class TextRecognizer : IDisposable
{
    private readonly OrtSession _session;
    private readonly CharacterDictionary _dictionary;
    private readonly int _batchSize;
    private readonly float _widthScale;

    /// <param name="widthScale">Horizontal stretch of every crop (1 keeps its aspect ratio).</param>
    public TextRecognizer(OrtSession session, CharacterDictionary dictionary, int batchSize, float widthScale)
    {
        _session = session;
        _dictionary = dictionary;
        _batchSize = Math.Max(1, batchSize);
        _widthScale = widthScale;
    }

    /// <summary>Reads every quad; results are in the order of <paramref name="quads"/>.</summary>
    /// <param name="onBatch">Called after each batch with the number of crops done so far.</param>
    public DecodedText[] Recognize(DecodedImage image, IReadOnlyList<Quad> quads, bool latinOnly, Action<int>? onBatch, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        var results = new DecodedText[quads.Count];
        int[] order = RecognitionBatches.OrderByRatio(quads);
        float Ratio(Quad q) => _widthScale * RecognitionBatches.Ratio(q);
        ReadOnlySpan<int> allowed = latinOnly ? _dictionary.LatinClasses : default;
        for (int first = 0; first < order.Length; first += _batchSize)
        {
            int n = Math.Min(_batchSize, order.Length - first);
            // Sorted ascending, so the batch's last crop is its widest.
            int width = RecognitionBatches.TensorWidth(Ratio(quads[order[first + n - 1]]));
            int slot = 3 * RecognitionBatches.Height * width;
            using TensorBuffer input = TensorBufferPool.Shared.Rent(n * slot);
            for (int i = 0; i < n; i++)
            {
                Quad q = quads[order[first + i]];
                int content = RecognitionBatches.ContentWidth(Ratio(q), width);
                TensorWriter.WriteQuad(image, q, content, width, RecognitionBatches.Height, ChannelNormalization.Symmetric, input.Span.Slice(i * slot, slot));
            }

            long start = Stopwatch.GetTimestamp();
            using OrtTensor output = _session.Run(input, [n, 3, RecognitionBatches.Height, width], cancellationToken);
            inferenceTicks += Stopwatch.GetTimestamp() - start;

            // Output n×T×C softmax probabilities.
            int steps = (int)output.Shape[1], classes = (int)output.Shape[2];
            if (classes != _dictionary.ClassCount)
            {
                throw new InvalidOperationException(
                    $"The recognition model has {classes} classes but the dictionary gives {_dictionary.ClassCount}; the model and ppocr_keys_v1.txt do not belong together.");
            }
            ReadOnlySpan<float> data = output.Data;
            for (int i = 0; i < n; i++)
            {
                results[order[first + i]] = CtcDecoder.Decode(data.Slice(i * steps * classes, steps * classes), classes, _dictionary, allowed);
            }
            onBatch?.Invoke(first + n);
        }
        return results;
    }

    /// <summary>One full batch of blank crops at the training width.</summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        int width = RecognitionBatches.TensorWidth(RecognitionBatches.MinRatio);
        using TensorBuffer input = TensorBufferPool.Shared.Rent(_batchSize * 3 * RecognitionBatches.Height * width);
        input.Span.Clear();
        using OrtTensor _ = _session.Run(input, [_batchSize, 3, RecognitionBatches.Height, width], cancellationToken);
    }

    public void Dispose() => _session.Dispose();
}
