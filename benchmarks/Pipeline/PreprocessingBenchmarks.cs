using BenchmarkDotNet.Attributes;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>Everything before ORT's Run for one 1240×1754 page: decode, detector tensor, recogniser crops.</summary>
[MemoryDiagnoser]
public class PreprocessingBenchmarks
{
    private PipelineInputs _inputs = null!;

    [GlobalSetup]
    public void Setup() => _inputs = PipelineInputs.Instance;

    [Benchmark]
    public int DecodePng()
    {
        using DecodedImage image = ImageDecoder.Decode(_inputs.Png, 100_000_000);
        return image.Width;
    }

    [Benchmark]
    public int DecodeJpeg()
    {
        using DecodedImage image = ImageDecoder.Decode(_inputs.Jpeg, 100_000_000);
        return image.Width;
    }

    /// <summary>Resize to the 960-limited detector size and normalise into the CHW tensor.</summary>
    [Benchmark]
    public float DetectionTensor()
    {
        using TensorBuffer input = TensorBufferPool.Shared.Rent(3 * _inputs.Size.Width * _inputs.Size.Height);
        TensorWriter.WriteResized(_inputs.Image, _inputs.Size.Width, _inputs.Size.Height, ChannelNormalization.ImageNet, input.Span);
        return input.Span[0];
    }

    /// <summary>
    /// Every line of the page warped into recognition batches of six as the engine does it: with its default
    /// crop margin (0.2 of the line height) and width scale (1.25).
    /// </summary>
    [Benchmark]
    public float RecognitionCrops()
    {
        var defaults = new Inference.Pipeline.OcrEngineOptions();
        List<Quad> boxes = _inputs.Boxes.ConvertAll(b => b.Expand(defaults.RecognitionCropPadding * b.Height, defaults.RecognitionCropPadding * b.Height));
        int[] order = RecognitionBatches.OrderByRatio(boxes);
        float Ratio(Quad q) => defaults.RecognitionWidthScale * RecognitionBatches.Ratio(q);
        float sum = 0;
        for (int first = 0; first < order.Length; first += 6)
        {
            int n = Math.Min(6, order.Length - first);
            int width = RecognitionBatches.TensorWidth(Ratio(boxes[order[first + n - 1]]));
            int slot = 3 * RecognitionBatches.Height * width;
            using TensorBuffer input = TensorBufferPool.Shared.Rent(n * slot);
            for (int i = 0; i < n; i++)
            {
                Quad q = boxes[order[first + i]];
                TensorWriter.WriteQuad(_inputs.Image, q, RecognitionBatches.ContentWidth(Ratio(q), width), width, RecognitionBatches.Height,
                    ChannelNormalization.Symmetric, input.Span.Slice(i * slot, slot));
            }
            sum += input.Span[0];
        }
        return sum;
    }
}
