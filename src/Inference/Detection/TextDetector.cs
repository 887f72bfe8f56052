using System.Diagnostics;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Detection;

/// <summary>PP-OCRv4 DB text detection: one session, resize and normalise, run, post-process.</summary>
internal sealed class TextDetector : IDisposable
{
    private readonly OrtSession _session;
    private readonly DbSettings _settings;

    public TextDetector(OrtSession session, DbSettings settings)
    {
        _session = session;
        _settings = settings;
    }

    /// <summary>Finds text boxes in original image coordinates, unsorted. Adds time inside ORT to <paramref name="inferenceTicks"/>.</summary>
    public List<Quad> Detect(DecodedImage image, int sideLimit, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        DetectionResize size = DetectionResize.For(image.Width, image.Height, sideLimit);
        using TensorBuffer input = TensorBufferPool.Shared.Rent(3 * size.Width * size.Height);
        TensorWriter.WriteResized(image, size.Width, size.Height, ChannelNormalization.ImageNet, input.Span);

        long start = Stopwatch.GetTimestamp();
        using OrtTensor map = _session.Run(input, [1, 3, size.Height, size.Width], cancellationToken);
        inferenceTicks += Stopwatch.GetTimestamp() - start;

        // Output is 1×1×H×W probabilities at the input's resolution.
        int mapHeight = (int)map.Shape[^2], mapWidth = (int)map.Shape[^1];
        return DbPostProcessor.Process(map.Data, mapWidth, mapHeight, image.Width, image.Height, _settings);
    }

    /// <summary>One run at the balanced side limit on a blank page.</summary>
    public void WarmUp(CancellationToken cancellationToken)
    {
        const int Side = 960;
        using TensorBuffer input = TensorBufferPool.Shared.Rent(3 * Side * Side);
        input.Span.Clear();
        using OrtTensor _ = _session.Run(input, [1, 3, Side, Side], cancellationToken);
    }

    public void Dispose() => _session.Dispose();
}
