using MaoOcr.Client.Internal;
using MaoOcr.Client.Protocol;

namespace MaoOcr.Client;

public sealed partial class MaoOcrClient
{
    /// <summary>
    /// The protocol heartbeat: a <c>ping</c> every <see cref="MaoOcrClientOptions.HeartbeatInterval"/>. The connection
    /// is dead (a box unplugged, a NAT that forgot us) when, from the moment a ping falls due, neither its pong nor any
    /// other sign of life (see <see cref="Connection.LastSignOfLife"/>) has come for <see cref="MaoOcrClientOptions.PongTimeout"/>:
    /// it is aborted, and the receive loop's end starts the reconnect. The clock starts when the ping is due, not when it
    /// is sent, since a ping waits behind an upload that holds the send path: on a dead link that upload never ends, and
    /// a clock started by the send would never start. So a dead link is noticed within the interval plus the pong
    /// timeout, during an upload too, while a slow upload that keeps moving is not taken for dead.
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
                long due = _time.GetTimestamp();
                string id = NextId("hb");
                Task pong = connection.ExpectPong(id);
                _ = SendPingAsync(connection, RequestWriter.Ping(id, _time.GetUtcNow()));
                if (!await AwaitLifeAsync(connection, pong, due).ConfigureAwait(false))
                {
                    connection.Abort(new MaoOcrConnectionException(
                        $"No pong from {Endpoint}, and nothing received nor any upload progress, within {_options.PongTimeout.TotalSeconds:0.#} s of a heartbeat: the connection was taken for dead."));
                    return;
                }
                // Keep the cadence: the next ping is due one interval after this one was.
                TimeSpan rest = interval - _time.GetElapsedTime(due);
                wait = rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended; the receive loop reports why.
        }
    }

    /// <summary>Waits for the pong, for as long as the connection keeps showing signs of life.</summary>
    /// <returns>True once the pong came; false when nothing came for the pong timeout since <paramref name="due"/> or the last sign of life.</returns>
    private async Task<bool> AwaitLifeAsync(Connection connection, Task pong, long due)
    {
        while (true)
        {
            long since = Math.Max(due, connection.LastSignOfLife);
            TimeSpan left = _options.PongTimeout - _time.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                return pong.IsCompleted;
            }
            try
            {
                await pong.WaitAsync(left, _time, connection.Ended).ConfigureAwait(false);
                return true;
            }
            catch (TimeoutException)
            {
                // Look again: a sign of life meanwhile moved the deadline.
            }
        }
    }
}
