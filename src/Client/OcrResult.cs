using System.Text.Json.Serialization;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

/// <summary>One image's result: the data of <c>ocr_complete</c> (or one entry of a batch's <c>results</c>).</summary>
public sealed record OcrResult
{
    /// <summary>The id of the request this answers.</summary>
    public string RequestId { get; init; } = "";

    /// <summary>True when the appliance answered from its result cache (the same image with the same options).</summary>
    public bool Cached { get; init; }

    /// <summary>All lines' text, in reading order, joined with newlines.</summary>
    public string Text { get; init; } = "";

    /// <summary>Image width in pixels, after EXIF orientation.</summary>
    public int Width { get; init; }

    /// <summary>Image height in pixels, after EXIF orientation.</summary>
    public int Height { get; init; }

    /// <summary>The lines in reading order (top to bottom, then left to right).</summary>
    public IReadOnlyList<OcrLine> Lines { get; init; } = [];

    /// <summary>Milliseconds per stage on the appliance.</summary>
    public OcrTimings Timings { get; init; } = new();
}

/// <summary>One recognized line.</summary>
public sealed record OcrLine
{
    public string Text { get; init; } = "";

    /// <summary>0–1; the appliance drops lines under 0.5.</summary>
    public double Confidence { get; init; }

    /// <summary>Four corners in image pixels: top-left, top-right, bottom-right, bottom-left as the text reads.</summary>
    public IReadOnlyList<OcrPoint> Box { get; init; } = [];
}

/// <summary>A point in image pixels. On the wire: <c>[x, y]</c>.</summary>
[JsonConverter(typeof(OcrPointJsonConverter))]
public readonly record struct OcrPoint(float X, float Y);

/// <summary>Milliseconds spent per stage on the appliance.</summary>
public sealed record OcrTimings
{
    public double DecodeMs { get; init; }

    public double DetectionMs { get; init; }

    public double ClassificationMs { get; init; }

    public double RecognitionMs { get; init; }

    /// <summary>Time inside ONNX Runtime, over all stages.</summary>
    public double InferenceMs { get; init; }

    public double TotalMs { get; init; }
}

/// <summary>A batch's answer: one result per image, in request order.</summary>
public sealed record OcrBatchResult
{
    public string RequestId { get; init; } = "";

    /// <summary>True when the whole batch came from the result cache.</summary>
    public bool Cached { get; init; }

    /// <summary>The images' texts joined with blank lines.</summary>
    public string Text { get; init; } = "";

    public IReadOnlyList<OcrResult> Results { get; init; } = [];
}
