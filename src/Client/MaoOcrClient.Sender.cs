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
    /// Largest fragment of an upload, in bytes. 64 KiB: a dead link is noticed by the upload's lack of progress (see
    /// <see cref="Connection.LastSignOfLife"/>), so each fragment must be small enough that a live link takes one far
    /// inside the pong timeout (64 KiB is about 0.5 s at 1 Mbit/s), while the 2 to 14 bytes of frame header each adds
    /// stay negligible. Smaller would not show progress more often: the kernel wakes a blocked sender only once about a
    /// third of its send buffer is free (steps of about 0.3 s seen at 6 MB/s on loopback). The appliance accepts a frame
    /// for every 16 bytes of its message limit (WebSocketLimits).
    /// </summary>
    internal const int UploadFragmentBytes = 64 * 1024;

    /// <summary>
    /// Sends one request as a binary message: the envelope head, then each image as it is (no copy, no base64), in
    /// fragments of at most <see cref="UploadFragmentBytes"/> of one message, each taken by the socket counting as a
    /// sign of life. Images are already compressed, so permessage-deflate is turned off for it. A failed send is not
    /// an error here: the connection is down, and the request is sent again after the reconnect.
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
            connection.NoteSignOfLife();
            for (int i = 0; i < request.Images.Count; i++)
            {
                ReadOnlyMemory<byte> image = request.Images[i];
                bool lastImage = i == request.Images.Count - 1;
                for (int offset = 0; offset < image.Length; offset += UploadFragmentBytes)
                {
                    ReadOnlyMemory<byte> fragment = image.Slice(offset, Math.Min(UploadFragmentBytes, image.Length - offset));
                    bool last = lastImage && offset + fragment.Length == image.Length;
                    await connection.Socket.SendAsync(fragment, WebSocketMessageType.Binary, last ? flags | WebSocketMessageFlags.EndOfMessage : flags, connection.Ended).ConfigureAwait(false);
                    connection.NoteSignOfLife();
                }
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

    /// <summary>
    /// Sends a heartbeat ping once the send path is free: behind an upload that holds it, it waits its turn (a text
    /// message cannot go between the fragments of a binary one). The heartbeat does not wait for this: it judges the
    /// connection by the pong and the other signs of life meanwhile.
    /// </summary>
    private static async Task SendPingAsync(Connection connection, byte[] utf8)
    {
        bool locked = false;
        try
        {
            await connection.SendLock.WaitAsync(connection.Ended).ConfigureAwait(false);
            locked = true;
            await connection.Socket.SendAsync(utf8, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage, connection.Ended).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection ended; the receive loop reports why.
        }
        finally
        {
            if (locked)
            {
                ReleaseQuietly(connection.SendLock);
            }
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
