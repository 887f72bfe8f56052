using MaoOcr.Client.Internal;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

public sealed partial class MaoOcrClient
{
    /// <summary>
    /// The protocol heartbeat: a <c>ping</c> every <see cref="MaoOcrClientOptions.HeartbeatInterval"/>; a pong that has
    /// not come back within <see cref="MaoOcrClientOptions.PongTimeout"/> means the connection is dead (a box unplugged,
    /// a NAT that forgot us): it is aborted, and the receive loop's end starts the reconnect.
    /// </summary>
    private async Task HeartbeatAsync(Connection connection)
    {
        TimeSpan interval = _options.HeartbeatInterval;
        if (interval == Timeout.InfiniteTimeSpan)
        {
            return;
        }
        try
        {
            TimeSpan wait = interval;
            while (true)
            {
                await Task.Delay(wait, _time, connection.Ended).ConfigureAwait(false);
                string id = NextId("hb");
                Task pong = connection.ExpectPong(id);
                long sent = _time.GetTimestamp();
                await SendTextAsync(connection, RequestWriter.Ping(id, _time.GetUtcNow())).ConfigureAwait(false);
                try
                {
                    await pong.WaitAsync(_options.PongTimeout, _time, connection.Ended).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    connection.Abort(new MaoOcrConnectionException($"No pong from {Endpoint} within {_options.PongTimeout.TotalSeconds:0.#} s: the connection was taken for dead."));
                    return;
                }
                // Keep the cadence: the next ping is due one interval after this one was sent.
                TimeSpan rest = interval - _time.GetElapsedTime(sent);
                wait = rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
        {
            // The connection ended; the receive loop reports why.
        }
    }
}
