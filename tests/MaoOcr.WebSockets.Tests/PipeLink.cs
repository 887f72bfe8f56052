using System.IO.Pipelines;

namespace MaoOcr.WebSockets.Tests;

/// <summary>
/// A server connection and a test client over two pipes. Server to client pauses at 1 KiB, so every data frame's
/// flush waits for the client to read it; client to server pauses at one byte, so a client write returns only once
/// the server has consumed it.
/// </summary>
internal sealed class PipeLink : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout;

    /// <param name="hangGuard">Ends a client read that would otherwise wait for ever.</param>
    public PipeLink(TimeSpan hangGuard)
    {
        _timeout = new CancellationTokenSource(hangGuard);
        var toServer = new Pipe(new PipeOptions(pauseWriterThreshold: 1, resumeWriterThreshold: 1, useSynchronizationContext: false));
        var toClient = new Pipe(new PipeOptions(pauseWriterThreshold: 1024, resumeWriterThreshold: 512, useSynchronizationContext: false));
        WebSocketLimits limits = UntimedLimits.Create();
        Server = WebSocketConnection.CreateServer(new Transport(toServer.Reader, toClient.Writer), limits, null, null);
        Client = new TestClient(toServer.Writer, toClient.Reader, seed: 5, _timeout.Token);
    }

    public WebSocketConnection Server { get; }

    public TestClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _timeout.Dispose();
    }

    /// <summary>Two pipe ends as one transport.</summary>
    internal sealed class Transport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
