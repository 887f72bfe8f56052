using MaoOcr.Appliance.Core;

namespace MaoOcr.Appliance.Protocol;

/// <summary>
/// A parsed client message. For <see cref="ClientMessageKind.OcrRequest"/>, <see cref="Images"/> holds one
/// image (or several for a batch) in pooled buffers: Dispose returns them.
/// </summary>
public sealed class ClientMessage : IDisposable
{
    public ClientMessage(ClientMessageKind kind, string id, double? timestamp, Requirements requirements, IReadOnlyList<OcrImage> images)
    {
        Kind = kind;
        Id = id;
        Timestamp = timestamp;
        Requirements = requirements;
        Images = images;
    }

    public ClientMessageKind Kind { get; }

    /// <summary>The envelope's <c>id</c>; server answers carry it as <c>request_id</c>.</summary>
    public string Id { get; }

    /// <summary>The envelope's <c>timestamp</c>, Unix seconds, when given.</summary>
    public double? Timestamp { get; }

    public Requirements Requirements { get; }

    public IReadOnlyList<OcrImage> Images { get; }

    /// <summary>True when the request carried <c>images</c> (a batch) rather than <c>image</c>.</summary>
    public bool IsBatch { get; init; }

    /// <summary>True when the request asked for <c>"output": "pdf"</c>: a searchable PDF with the final answer.</summary>
    public bool SearchablePdf { get; init; }

    public void Dispose()
    {
        foreach (OcrImage image in Images)
        {
            image.Dispose();
        }
    }
}
