using MaoOcr.Testing;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>What one engine returned for one image file.</summary>
/// <param name="FileName">The image's file name (no folder), the key both engines share.</param>
/// <param name="Ms">Wall time of the recognise call, in milliseconds, the file already read.</param>
/// <param name="InferenceMs">Time inside ONNX Runtime's Run, when the engine reports it.</param>
/// <param name="Lines">The lines read, boxes in the file's pixels.</param>
/// <param name="Error">Why the engine failed on this image, or null.</param>
internal sealed record ImageRun(string FileName, double Ms, double? InferenceMs, IReadOnlyList<PredictedLine> Lines, string? Error);

/// <summary>One engine's pass over the evaluation images.</summary>
/// <param name="Engine">Name and version, e.g. "MaoOCR Edge 1.0.0".</param>
/// <param name="Runtime">The ONNX Runtime it ran on, e.g. "onnxruntime 1.31.1".</param>
/// <param name="Images">One entry per image, in the order run.</param>
internal sealed record EngineRun(string Engine, string Runtime, IReadOnlyList<ImageRun> Images);
