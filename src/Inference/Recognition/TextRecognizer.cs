using System.Diagnostics;
using MaoOcr.Inference.Runners;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Recognition;

/// <summary>
/// PP-OCRv4 SVTR recognition with greedy CTC decoding. Crops are grouped by aspect ratio; where batches wait
/// to fill (the GPU) every group of a request is handed to the runner at once, so groups of the same width
/// from this and other requests can share one run.
/// </summary>
internal sealed class TextRecognizer : IDisposable
{
    private const int Channels = 3;

    /// <summary>Widest tensor warmed up: a line 20 times as long as high (PaddleOCR's own examples stay below).</summary>
    private const float WarmUpMaxRatio = 20f;

    private readonly IModelRunner _model;
    private readonly CharacterDictionary _dictionary;
    private readonly int _batchSize;
    private readonly float _widthScale;
    private readonly int _widthStep;
    private readonly int _groupsInFlight;
    private readonly int _maxWidth;

    /// <param name="batchSize">Crops per group of one request (rec_batch_num).</param>
    /// <param name="widthScale">Horizontal stretch of every crop (1 keeps its aspect ratio).</param>
    /// <param name="widthStep">Tensor widths are multiples of this.</param>
    /// <param name="groupsInFlight">
    /// Groups of one request handed to the runner before the first is read: all of them where batches wait to
    /// fill (the GPU), else 1: groups run one after another, so one request's groups do not compete with each
    /// other for the cores.
    /// </param>
    /// <param name="maxWidth">
    /// The widest tensor (TensorRT's profile); a wider crop is squeezed into it. <see cref="int.MaxValue"/> for none.
    /// </param>
    public TextRecognizer(IModelRunner model, CharacterDictionary dictionary, int batchSize, float widthScale, int widthStep, int groupsInFlight, int maxWidth = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, RecognitionBatches.TensorWidth(RecognitionBatches.MinRatio));
        _maxWidth = maxWidth;
        ArgumentOutOfRangeException.ThrowIfLessThan(groupsInFlight, 1);
        _groupsInFlight = groupsInFlight;
        _model = model;
        _dictionary = dictionary;
        _batchSize = Math.Max(1, batchSize);
        _widthScale = widthScale;
        _widthStep = widthStep;
    }

    /// <summary>The recognition model's runner (tests read which one, and which shapes it ran).</summary>
    internal IModelRunner Model => _model;

    /// <summary>Reads every quad; results are in the order of <paramref name="quads"/>.</summary>
    /// <param name="onBatch">Called after each group, in order and on the calling thread, with the number of crops done so far.</param>
    public DecodedText[] Recognize(DecodedImage image, IReadOnlyList<Quad> quads, bool latinOnly, Action<int>? onBatch, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        var results = new DecodedText[quads.Count];
        int[] order = RecognitionBatches.OrderByRatio(quads);
        int groups = (order.Length + _batchSize - 1) / _batchSize;
        var pending = new Task<ModelOutput>[groups];
        int submitted = 0;
        int consumed = 0;
        long start = Stopwatch.GetTimestamp();
        try
        {
            ReadOnlySpan<int> allowed = latinOnly ? _dictionary.LatinClasses : default;
            for (int g = 0; g < groups; g++)
            {
                while (submitted < groups && submitted - g < _groupsInFlight)
                {
                    int from = submitted * _batchSize;
                    int count = Math.Min(_batchSize, order.Length - from);
                    (TensorBuffer input, TensorRowShape row) = WriteGroup(image, quads, order.AsSpan(from, count));
                    pending[submitted] = _model.Submit(input, count, row, cancellationToken);
                    submitted++;
                }
                int first = g * _batchSize;
                using ModelOutput output = pending[g].GetAwaiter().GetResult();
                consumed++;
                // Output n×T×C softmax probabilities.
                int n = (int)output.Shape[0], steps = (int)output.Shape[1], classes = (int)output.Shape[2];
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
        }
        finally
        {
            // Outputs nobody will read (after a failure or cancellation) go back to their pool when they arrive.
            for (int g = consumed; g < submitted; g++)
            {
                pending[g].ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            inferenceTicks += Stopwatch.GetTimestamp() - start;
        }
        return results;
    }

    /// <summary>One full group of blank crops at every tensor width up to <see cref="WarmUpMaxRatio"/>, in the engine's width steps.</summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        int widest = Math.Min(RecognitionBatches.TensorWidth(WarmUpMaxRatio, step: _widthStep), _maxWidth);
        // Coarse steps (the GPU's) are all warmed; the CPU's fine steps only at the training width, as ORT's CPU kernels need no per-shape plan.
        int step = _widthStep > RecognitionBatches.WidthStep ? _widthStep : widest;
        for (int width = RecognitionBatches.TensorWidth(RecognitionBatches.MinRatio, step: _widthStep); width <= widest; width += step)
        {
            var row = new TensorRowShape(Channels, RecognitionBatches.Height, width);
            TensorBuffer input = TensorBufferPool.Shared.Rent(_batchSize * row.Elements);
            input.Span.Clear();
            using ModelOutput _ = _model.Run(input, _batchSize, row, cancellationToken);
        }
    }

    public void Dispose() => _model.Dispose();

    private (TensorBuffer Input, TensorRowShape Row) WriteGroup(DecodedImage image, IReadOnlyList<Quad> quads, ReadOnlySpan<int> group)
    {
        // Sorted ascending, so the group's last crop is its widest.
        int width = Math.Min(RecognitionBatches.TensorWidth(Ratio(quads[group[^1]]), step: _widthStep), _maxWidth);
        var row = new TensorRowShape(Channels, RecognitionBatches.Height, width);
        TensorBuffer input = TensorBufferPool.Shared.Rent(group.Length * row.Elements);
        try
        {
            for (int i = 0; i < group.Length; i++)
            {
                Quad q = quads[group[i]];
                int content = RecognitionBatches.ContentWidth(Ratio(q), width);
                TensorWriter.WriteQuad(image, q, content, width, RecognitionBatches.Height, ChannelNormalization.Symmetric, input.Span.Slice(i * row.Elements, row.Elements));
            }
        }
        catch
        {
            input.Dispose();
            throw;
        }
        return (input, row);
    }

    private float Ratio(Quad q) => _widthScale * RecognitionBatches.Ratio(q);
}
