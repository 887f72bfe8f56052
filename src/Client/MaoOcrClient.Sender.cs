using System.Net.WebSockets;
using System.Threading.Channels;
using MaoOcr.Client.Internal;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

public sealed partial class MaoOcrClient
{
    /// <summary>
    /// Registers a request and sends it now if connected. While connecting or reconnecting it waits, and goes out once
    /// the connection is back (or fails with <see cref="MaoOcrConnectionException"/> after the last attempt).
    /// </summary>
    private PendingRequest Submit(IReadOnlyList<ReadOnlyMemory<byte>> images, bool batch, OcrRequestOptions? options, ChannelWriter<OcrEvent>? stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        cancellationToken.ThrowIfCancellationRequested();
        Validate(images, batch);
        string id = NextId("r");
        int[]? sizes = batch ? [.. images.Select(i => i.Length)] : null;
        byte[] head = RequestWriter.BinaryHead(id, options ?? OcrRequestOptions.Default, sizes, _time.GetUtcNow());
        long total = head.Length + images.Sum(i => (long)i.Length);
        if (total > _options.MaxMessageBytes)
        {
            throw Throw.TooLarge(total, _options.MaxMessageBytes, nameof(images));
        }

        var request = new PendingRequest(id, Interlocked.Increment(ref _idCounter), head, [.. images], stream);
        Connection? sendOn = null;
        lock (_gate)
        {
            if (_status is ConnectionStatus.Disconnected or ConnectionStatus.Error)
            {
                throw Throw.NotConnected(_status);
            }
            _pending.Add(id, request);
            if (_status == ConnectionStatus.Connected && _connection is { } connection)
            {
                sendOn = connection;
                request.SentGeneration = connection.Generation;
            }
        }
        request.OnCancel(r => Forget(r, cancellationToken), cancellationToken);
        if (sendOn is not null)
        {
            _ = SendRequestAsync(request, sendOn);
        }
        return request;
    }

    private static void Validate(IReadOnlyList<ReadOnlyMemory<byte>> images, bool batch)
    {
        if (images.Count == 0)
        {
            throw Throw.NoImages(nameof(images));
        }
        if (batch && images.Count > BinaryFraming.MaxImagesPerBatch)
        {
            throw Throw.TooManyImages(images.Count, BinaryFraming.MaxImagesPerBatch, nameof(images));
        }
        for (int i = 0; i < images.Count; i++)
        {
            if (images[i].IsEmpty)
            {
                throw Throw.EmptyImage(i, batch, nameof(images));
            }
        }
    }

    /// <summary>Stops waiting for a request: its answer, if one comes, is ignored, and it is never sent if still queued.</summary>
    private void Forget(PendingRequest request, CancellationToken token)
    {
        lock (_gate)
        {
            _pending.Remove(request.Id);
        }
        request.Cancel(token);
    }

    /// <summary>
    /// Sends one request as a binary message: the envelope head, then each image as it is (no copy, no base64), as
    /// fragments of one message. Images are already compressed, so permessage-deflate is turned off for it. A failed send
    /// is not an error here: the connection is down, and the request is sent again after the reconnect.
    /// </summary>
    private static async Task SendRequestAsync(PendingRequest request, Connection connection)
    {
        bool locked = false;
        try
        {
            await connection.SendLock.WaitAsync(connection.Ended).ConfigureAwait(false);
            locked = true;
            WebSocketMessageFlags flags = WebSocketMessageFlags.DisableCompression;
            await connection.Socket.SendAsync(request.Head, WebSocketMessageType.Binary, flags, connection.Ended).ConfigureAwait(false);
            for (int i = 0; i < request.Images.Count; i++)
            {
                WebSocketMessageFlags last = i == request.Images.Count - 1 ? WebSocketMessageFlags.EndOfMessage : WebSocketMessageFlags.None;
                await connection.Socket.SendAsync(request.Images[i], WebSocketMessageType.Binary, flags | last, connection.Ended).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection went down mid-send; the receive loop sees it and the reconnect sends the request again.
        }
        finally
        {
            if (locked)
            {
                ReleaseQuietly(connection.SendLock);
            }
        }
    }

    /// <summary>Sends one text message (a ping) under the send lock.</summary>
    private static async Task SendTextAsync(Connection connection, byte[] utf8)
    {
        await connection.SendLock.WaitAsync(connection.Ended).ConfigureAwait(false);
        try
        {
            await connection.Socket.SendAsync(utf8, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage, connection.Ended).ConfigureAwait(false);
        }
        finally
        {
            ReleaseQuietly(connection.SendLock);
        }
    }

    private static void ReleaseQuietly(SemaphoreSlim gate)
    {
        try
        {
            gate.Release();
        }
        catch (ObjectDisposedException)
        {
            // The connection was disposed while the send ended; nobody waits on it any more.
        }
    }
}
