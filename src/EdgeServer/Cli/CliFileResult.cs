using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>One file's outcome in <c>maoocr ocr --json</c>: a result or an error, never both.</summary>
internal sealed record CliFileResult(
    string File,
    int? Width,
    int? Height,
    string? Text,
    IReadOnlyList<CliLine>? Lines,
    StageTimings? Timings,
    string? Error,
    string? ErrorKind)
{
    /// <summary>A PDF's pages; null for an image.</summary>
    public IReadOnlyList<CliPage>? Pages { get; init; }

    /// <summary>The searchable PDF the appliance sent (<c>--server</c> with <c>--pdf</c>); not printed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public byte[]? SearchablePdf { get; init; }
}
