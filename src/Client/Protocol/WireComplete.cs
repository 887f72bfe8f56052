namespace MaoOcr.Client.Protocol;

/// <summary>The data of <c>ocr_complete</c>: one input's result in its own fields, or a batch's in <see cref="Results"/>.</summary>
internal sealed class WireComplete : WireItem
{
    public string? RequestId { get; set; }

    public bool Cached { get; set; }

    /// <summary><c>pdf</c> when a searchable PDF follows the envelope in the same binary message.</summary>
    public string? Output { get; set; }

    /// <summary>The size of the searchable PDF after the envelope.</summary>
    public long? PdfBytes { get; set; }

    /// <summary>Present for a batch: one result per input.</summary>
    public List<WireItem>? Results { get; set; }
}
