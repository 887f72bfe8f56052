using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Kestrel;

/// <summary>
/// Pipes over the upgraded request's stream, for the fallback path: one copy more than the transport's own pipes
/// (docs/design/websocket-layer.md, "The problem"), the same layer on top.
/// </summary>
internal sealed class StreamDuplexPipe : IDuplexPipe
{
    public StreamDuplexPipe(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // leaveOpen: Kestrel owns the upgraded stream and closes it when the request ends.
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }
}
