using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Recognition;
using MaoOcr.Testing;
using Quad = MaoOcr.Inference.Geometry.Quad;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>
/// Real inputs for the stage benchmarks: a rendered document page, its decoded pixels, the detector's
/// probability map for it, the boxes found in it and one recogniser output, all produced once with the real models.
/// </summary>
public sealed class PipelineInputs
{
    private static readonly Lazy<PipelineInputs> s_instance = new(() => new PipelineInputs());

    private PipelineInputs()
    {
        var random = new Random(42);
        var lines = new List<string>();
        for (int i = 0; i < 24; i++)
        {
            lines.Add(i % 2 == 0
                ? $"Line {i}: shipment A{random.Next(1000, 9999)} arrived at dock {random.Next(1, 9)} with {random.Next(2, 40)} pallets."
                : $"第{i}行：仓库温度保持在{random.Next(2, 8)}摄氏度，订单编号FP{random.Next(100000, 999999)}。");
        }
        Page = TextImageRenderer.RenderLines(lines, new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 26, Width = 1240, Height = 1754 });
        Png = Page.Bytes;
        Jpeg = TextImageRenderer.RenderLines(lines, new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 26, Width = 1240, Height = 1754 },
            new ImageEffects { Format = ImageFileFormat.Jpeg, Quality = 85 }).Bytes;
        Image = ImageDecoder.Decode(Png, 100_000_000);

        ModelPaths models = new ModelStore().Resolve();
        OrtRuntime runtime = OrtRuntime.Load();
        Size = DetectionResize.For(Image.Width, Image.Height, 960);
        using (OrtSession detector = OrtSession.Create(runtime, models.Detection, new SessionConfig()))
        using (TensorBuffer input = TensorBufferPool.Shared.Rent(3 * Size.Width * Size.Height))
        {
            TensorWriter.WriteResized(Image, Size.Width, Size.Height, ChannelNormalization.ImageNet, input.Span);
            using OrtTensor map = detector.Run(input, [1, 3, Size.Height, Size.Width]);
            ProbabilityMap = map.Data.ToArray();
        }
        Settings = new DbSettings(0.3f, 0.6f, 1.5f, 3);
        Boxes = DbPostProcessor.Process(ProbabilityMap, Size.Width, Size.Height, Image.Width, Image.Height, Settings);

        Dictionary = CharacterDictionary.Load(models.Dictionary);
        using OrtSession recognizer = OrtSession.Create(runtime, models.Recognition, new SessionConfig());
        Quad line = Boxes[0];
        int width = RecognitionBatches.TensorWidth(RecognitionBatches.Ratio(line));
        using TensorBuffer crop = TensorBufferPool.Shared.Rent(3 * RecognitionBatches.Height * width);
        TensorWriter.WriteQuad(Image, line, RecognitionBatches.ContentWidth(RecognitionBatches.Ratio(line), width), width, RecognitionBatches.Height, ChannelNormalization.Symmetric, crop.Span);
        using OrtTensor output = recognizer.Run(crop, [1, 3, RecognitionBatches.Height, width]);
        RecognizerOutput = output.Data.ToArray();
        ClassCount = (int)output.Shape[2];
    }

    public static PipelineInputs Instance => s_instance.Value;

    /// <summary>The document page as rendered (PNG), with its ground truth.</summary>
    public RenderedImage Page { get; }

    public byte[] Png { get; }

    public byte[] Jpeg { get; }

    internal DecodedImage Image { get; }

    internal DetectionResize Size { get; }

    public float[] ProbabilityMap { get; }

    internal DbSettings Settings { get; }

    internal List<Quad> Boxes { get; }

    internal CharacterDictionary Dictionary { get; }

    public float[] RecognizerOutput { get; }

    public int ClassCount { get; }
}
