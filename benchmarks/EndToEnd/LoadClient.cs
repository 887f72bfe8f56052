using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>
/// One connection in a closed loop: send a request, wait for its final answer, send the next. Images are taken in turn,
/// starting at an offset per client, so that clients do not send the same image at the same moment.
/// </summary>
internal sealed class LoadClient
{
    private readonly int _index;
    private readonly LoadOptions _options;
    private readonly ImageSet _images;
    private readonly byte[] _receiveBuffer = new byte[64 * 1024];
    private int _sequence;

    public LoadClient(int index, LoadOptions options, ImageSet images)
    {
        _index = index;
        _options = options;
        _images = images;
    }

    /// <summary>Runs until <paramref name="stop"/> is cancelled (the window's end, the request limit, Ctrl+C) or the connection breaks.</summary>
    public async Task RunAsync(MeasuredWindow window, LoadRecorder recorder, CancellationTokenSource stop)
    {
        CancellationToken stopping = stop.Token;
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        if (_options.Token is { Length: > 0 } token)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(30));
            await socket.ConnectAsync(_options.Url, connectTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            if (!stopping.IsCancellationRequested)
            {
                recorder.Failed("connect_failed");
            }
            return;
        }

        while (!stopping.IsCancellationRequested)
        {
            (string _, byte[] image) = _images.Images[(_index + _sequence) % _images.Images.Count];
            string id = string.Create(CultureInfo.InvariantCulture, $"l{_index}-{_sequence++}");
            long started = Stopwatch.GetTimestamp();
            if (window.Contains(started))
            {
                recorder.Sent();
            }
            ServerAnswer? answer;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    await SendAsync(socket, id, image, timeout.Token).ConfigureAwait(false);
                    answer = await ReceiveFinalAsync(socket, id, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // In flight at the window's end: not counted. Otherwise the request outlived its timeout, and the
                    // connection, with an answer still owed on it, is given up.
                    if (!stopping.IsCancellationRequested)
                    {
                        Record(recorder.Failed("timeout_client"), window, stop);
                    }
                    break;
                }
                catch (WebSocketException)
                {
                    answer = null;
                }
            }
            long answered = Stopwatch.GetTimestamp();
            if (answer is not ServerAnswer final)
            {
                if (window.Contains(answered))
                {
                    Record(recorder.Failed("connection_closed"), window, stop);
                }
                return;
            }
            if (!window.Contains(answered))
            {
                continue;
            }
            if (final.Type == "ocr_complete")
            {
                Record(recorder.Completed(Stopwatch.GetElapsedTime(started, answered).TotalMilliseconds, final.Cached), window, stop);
                continue;
            }
            Record(recorder.Failed(final.Code ?? "unknown"), window, stop);
            if (final.RetryAfterMs is int retry && retry > 0)
            {
                // A busy answer asks for a pause; a well-behaved client takes it.
                try
                {
                    await Task.Delay(retry, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        if (socket.State != WebSocketState.Open)
        {
            // A cancelled receive aborts a ClientWebSocket: nothing left to close.
            return;
        }
        try
        {
            using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", closeTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The figures are taken; a slow close does not change them.
        }
    }

    /// <summary>Ends the run for every client once the request limit is reached.</summary>
    private static void Record(int recorded, MeasuredWindow window, CancellationTokenSource stop)
    {
        if (window.MaxRequests > 0 && recorded >= window.MaxRequests)
        {
            stop.Cancel();
        }
    }

    private Task SendAsync(ClientWebSocket socket, string id, byte[] image, CancellationToken cancellationToken)
    {
        string requirements = $"{{\"language\":\"{_options.Language}\",\"accuracy_requirement\":\"{_options.Accuracy}\"}}";
        double now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
        string head = string.Create(CultureInfo.InvariantCulture, $"{{\"type\":\"ocr_request\",\"id\":\"{id}\",\"timestamp\":{now:0.000},\"data\":{{\"requirements\":{requirements}");
        if (!_options.Binary)
        {
            string text = head + ",\"image\":\"" + Convert.ToBase64String(image) + "\"}}";
            return socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
        // docs/protocol.md, binary form: 4-byte big-endian envelope length, the envelope, the image bytes.
        byte[] envelope = Encoding.UTF8.GetBytes(head + "}}");
        byte[] message = new byte[4 + envelope.Length + image.Length];
        BinaryPrimitives.WriteUInt32BigEndian(message, (uint)envelope.Length);
        envelope.CopyTo(message, 4);
        image.CopyTo(message, 4 + envelope.Length);
        return socket.SendAsync(message, WebSocketMessageType.Binary, true, cancellationToken);
    }

    /// <returns>The final answer to <paramref name="id"/>; null when the server closed the connection first.</returns>
    private async Task<ServerAnswer?> ReceiveFinalAsync(ClientWebSocket socket, string id, CancellationToken cancellationToken)
    {
        var message = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            ValueWebSocketReceiveResult result = await socket.ReceiveAsync(_receiveBuffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(_receiveBuffer.AsSpan(0, result.Count));
            if (!result.EndOfMessage)
            {
                continue;
            }
            if (ServerAnswer.TryParse(message.WrittenSpan, out ServerAnswer answer) && answer.IsFinal && answer.RequestId == id)
            {
                return answer;
            }
            message.ResetWrittenCount();
        }
    }
}
