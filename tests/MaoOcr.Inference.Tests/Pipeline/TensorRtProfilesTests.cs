using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Imaging;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Recognition;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;
using Quad = MaoOcr.Inference.Geometry.Quad;

namespace MaoOcr.Inference.Tests.Pipeline;

/// <summary>
/// TensorRT fails a run whose shape is outside the engine's profile, so each model's profile must hold every shape the
/// engine can send it: every detection bucket at every accuracy level, every recognition width up to the cap (which the
/// recognizer then never exceeds), every batch the runner can form. Checked here on the CPU against the same code that
/// makes the shapes.
/// </summary>
public sealed class TensorRtProfilesTests
{
    private static readonly EngineBatching s_gpu = EngineBatching.ForGpu();

    [Fact]
    public void The_gpu_default_profiles_span_the_buckets_the_widths_and_the_batches()
    {
        TensorRtShapeProfile detection = TensorRtProfiles.Detection(s_gpu);
        Assert.Equal(("x:1x3x320x320", "x:8x3x960x960", "x:8x3x1280x1280"), (detection.MinShapes, detection.OptShapes, detection.MaxShapes));

        TensorRtShapeProfile classifier = TensorRtProfiles.Classifier(s_gpu, groupSize: 6);
        Assert.Equal(("x:1x3x48x192", "x:96x3x48x192", "x:96x3x48x192"), (classifier.MinShapes, classifier.OptShapes, classifier.MaxShapes));

        TensorRtShapeProfile recognition = TensorRtProfiles.Recognition(s_gpu, groupSize: 6, maxWidth: 3200);
        Assert.Equal(("x:1x3x48x320", "x:96x3x48x640", "x:96x3x48x3200"), (recognition.MinShapes, recognition.OptShapes, recognition.MaxShapes));
    }

    [Fact]
    public void With_the_direct_runner_the_profiles_are_one_request_at_a_time_and_any_side_from_32()
    {
        TensorRtShapeProfile detection = TensorRtProfiles.Detection(batching: null);
        Assert.Equal(("x:1x3x32x32", "x:1x3x960x960", "x:1x3x1280x1280"), (detection.MinShapes, detection.OptShapes, detection.MaxShapes));

        TensorRtShapeProfile recognition = TensorRtProfiles.Recognition(batching: null, groupSize: 6, maxWidth: 3200);
        Assert.Equal(("x:1x3x48x320", "x:6x3x48x640", "x:6x3x48x3200"), (recognition.MinShapes, recognition.OptShapes, recognition.MaxShapes));
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(375, 812)]
    [InlineData(1280, 1280)]
    [InlineData(4032, 3024)]
    [InlineData(5000, 40)]
    [InlineData(33, 2000)]
    public void Every_detection_input_of_every_accuracy_level_is_inside_the_profile(int width, int height)
    {
        foreach (EngineBatching? batching in new[] { s_gpu, null })
        {
            TensorRtShapeProfile profile = TensorRtProfiles.Detection(batching);
            DetectionBuckets buckets = batching?.DetectionBuckets ?? DetectionBuckets.None;
            foreach (RecognitionAccuracy accuracy in Enum.GetValues<RecognitionAccuracy>())
            {
                DetectionResize size = DetectionResize.For(width, height, new RecognitionOptions { Accuracy = accuracy }.EffectiveSideLimit);
                int[] shape = [1, 3, buckets.Fit(size.Height), buckets.Fit(size.Width)];
                AssertInside(profile, shape);
            }
        }
    }

    [Fact]
    public void Every_recognition_width_up_to_the_cap_is_inside_the_profile()
    {
        TensorRtShapeProfile profile = TensorRtProfiles.Recognition(s_gpu, groupSize: 6, maxWidth: 3200);
        for (float ratio = 0.1f; ratio < 200; ratio *= 1.1f)
        {
            int width = Math.Min(RecognitionBatches.TensorWidth(ratio, step: s_gpu.RecognitionWidthStep), 3200);
            AssertInside(profile, [96, 3, RecognitionBatches.Height, width]);
        }
    }

    [Fact]
    public void The_recognizer_never_sends_a_tensor_wider_than_the_cap_and_still_reads_a_squeezed_line()
    {
        const int Cap = 480;
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        var policy = new ModelBatchPolicy { MaxBatch = 6, Runners = 1 };
        var runner = new BatchingModelRunner("recognition", OrtSession.Create(runtime, RealModels.Paths.Recognition, new SessionConfig { IntraOpThreads = 1 }), policy);
        using var recognizer = new TextRecognizer(runner, CharacterDictionary.Load(RealModels.Paths.Dictionary), 6, 1.25f, widthStep: 160, groupsInFlight: 1, maxWidth: Cap);
        RenderedImage line = TextImageRenderer.RenderLines(["A line long enough to be wider than the cap"]);
        using DecodedImage image = ImageDecoder.Decode(line.Bytes, 40_000_000);
        Quad whole = new(new(0, 0), new(image.Width, 0), new(image.Width, image.Height), new(0, image.Height));
        long ticks = 0;

        recognizer.WarmUp(CancellationToken.None);
        DecodedText[] text = recognizer.Recognize(image, [whole], latinOnly: false, onBatch: null, ref ticks, CancellationToken.None);

        Assert.All(runner.ShapesRun, s => Assert.True(s.Row.Width <= Cap, $"{s}"));
        Assert.Contains(runner.ShapesRun, s => s.Row.Width == Cap);
        Assert.NotEmpty(Assert.Single(text).Text);
    }

    [Fact]
    public void The_profiles_name_the_real_models_input()
    {
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        foreach (string model in new[] { RealModels.Paths.Detection, RealModels.Paths.Classifier, RealModels.Paths.Recognition })
        {
            using OrtSession session = OrtSession.Create(runtime, model, new SessionConfig { IntraOpThreads = 1 });
            Assert.Equal([TensorRtProfiles.InputName], session.InputNames);
        }
    }

    private static void AssertInside(TensorRtShapeProfile profile, int[] shape)
    {
        for (int i = 0; i < shape.Length; i++)
        {
            Assert.True(
                shape[i] >= profile.Min[i] && shape[i] <= profile.Max[i],
                $"[{string.Join('x', shape)}] is outside {profile.MinShapes} .. {profile.MaxShapes} in dimension {i}.");
        }
    }
}
