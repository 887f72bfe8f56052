using System.Diagnostics;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Detection;

/// <summary>
/// PP-OCRv4 DB text detection: resize and normalise, pad to the detection bucket, run (with the batching
/// runner, together with other requests of the same bucket), crop the probability map back to the image and
/// post-process.
/// </summary>
internal sealed class TextDetector : IDisposable
{
    private const int Channels = 3;

    private readonly IModelRunner _model;
    private readonly DbSettings _settings;
    private readonly DetectionBuckets _buckets;

    public TextDetector(IModelRunner model, DbSettings settings, DetectionBuckets buckets)
    {
        _model = model;
        _settings = settings;
        _buckets = buckets;
    }

    /// <summary>The detection model's runner (tests read which one, and which shapes it ran).</summary>
    internal IModelRunner Model => _model;

    /// <summary>Finds text boxes in original image coordinates, unsorted. Adds time inside ORT (and waiting for a batch) to <paramref name="inferenceTicks"/>.</summary>
    public List<Quad> Detect(DecodedImage image, int sideLimit, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        DetectionResize size = DetectionResize.For(image.Width, image.Height, sideLimit);
        var row = new TensorRowShape(Channels, _buckets.Fit(size.Height), _buckets.Fit(size.Width));
        TensorBuffer input = TensorBufferPool.Shared.Rent(row.Elements);
        try
        {
            WriteInput(image, size, row, input.Span);
        }
        catch
        {
            input.Dispose();
            throw;
        }

        long start = Stopwatch.GetTimestamp();
        // The runner owns the input from here on.
        using ModelOutput map = _model.Run(input, 1, row, cancellationToken);
        inferenceTicks += Stopwatch.GetTimestamp() - start;

        // Output is 1×1×H×W probabilities at the (padded) input's resolution.
        int mapHeight = (int)map.Shape[^2], mapWidth = (int)map.Shape[^1];
        if (mapHeight == size.Height && mapWidth == size.Width)
        {
            return DbPostProcessor.Process(map.Data, mapWidth, mapHeight, image.Width, image.Height, _settings);
        }
        using TensorBuffer cropped = TensorBufferPool.Shared.Rent(size.Width * size.Height);
        CropMap(map.Data, mapWidth, size.Width, size.Height, cropped.Span);
        return DbPostProcessor.Process(cropped.Span, size.Width, size.Height, image.Width, image.Height, _settings);
    }

    /// <summary>
    /// One run per bucket shape (every pair of bucket sides), or at the balanced side limit when there are no
    /// buckets, on a blank page, so ORT and cuDNN set up every plan before the first request.
    /// </summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        const int BalancedSide = 960;
        IEnumerable<(int Height, int Width)> shapes = _buckets.Sides.Count == 0 ? [(BalancedSide, BalancedSide)] : _buckets.Shapes();
        foreach ((int height, int width) in shapes)
        {
            var row = new TensorRowShape(Channels, height, width);
            TensorBuffer input = TensorBufferPool.Shared.Rent(row.Elements);
            input.Span.Clear();
            using ModelOutput _ = _model.Run(input, 1, row, cancellationToken);
        }
    }

    public void Dispose() => _model.Dispose();

    /// <summary>
    /// Writes the resized image into the top-left of the bucket-sized tensor. The padding is 0, which after
    /// ImageNet normalisation is the mean colour: DB reads it as plain background.
    /// </summary>
    private static void WriteInput(DecodedImage image, DetectionResize size, TensorRowShape row, Span<float> tensor)
    {
        if (row.Height == size.Height && row.Width == size.Width)
        {
            TensorWriter.WriteResized(image, size.Width, size.Height, ChannelNormalization.ImageNet, tensor);
            return;
        }
        using TensorBuffer exact = TensorBufferPool.Shared.Rent(Channels * size.Width * size.Height);
        TensorWriter.WriteResized(image, size.Width, size.Height, ChannelNormalization.ImageNet, exact.Span);
        tensor.Clear();
        int plane = size.Width * size.Height, paddedPlane = row.Width * row.Height;
        for (int c = 0; c < Channels; c++)
        {
            for (int y = 0; y < size.Height; y++)
            {
                exact.Span.Slice((c * plane) + (y * size.Width), size.Width).CopyTo(tensor.Slice((c * paddedPlane) + (y * row.Width)));
            }
        }
    }

    internal static void CropMap(ReadOnlySpan<float> map, int mapWidth, int width, int height, Span<float> cropped)
    {
        for (int y = 0; y < height; y++)
        {
            map.Slice(y * mapWidth, width).CopyTo(cropped.Slice(y * width));
        }
    }
}
