using BenchmarkDotNet.Attributes;
using MaoOcr.Inference.Detection;
using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Recognition;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>Everything after ORT's Run: DB boxes from the page's probability map, CTC decoding of one line.</summary>
[MemoryDiagnoser]
public class PostprocessingBenchmarks
{
    private PipelineInputs _inputs = null!;

    [GlobalSetup]
    public void Setup() => _inputs = PipelineInputs.Instance;

    [Benchmark]
    public int DbBoxes()
    {
        List<Quad> boxes = DbPostProcessor.Process(_inputs.ProbabilityMap, _inputs.Size.Width, _inputs.Size.Height, _inputs.Image.Width, _inputs.Image.Height, _inputs.Settings);
        return boxes.Count;
    }

    [Benchmark]
    public int ReadingOrderOfPage()
    {
        var boxes = new List<Quad>(_inputs.Boxes);
        boxes.Reverse();
        ReadingOrder.Sort(boxes, static q => q);
        return boxes.Count;
    }

    [Benchmark]
    public int CtcDecodeLine() => CtcDecoder.Decode(_inputs.RecognizerOutput, _inputs.ClassCount, _inputs.Dictionary).Text.Length;

    [Benchmark]
    public int CtcDecodeLineLatinOnly() => CtcDecoder.Decode(_inputs.RecognizerOutput, _inputs.ClassCount, _inputs.Dictionary, _inputs.Dictionary.LatinClasses).Text.Length;
}
