using System.Diagnostics;
using System.Net;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>
/// Runs one cell: opens the connections, checks each one's first echo, then every connection sends a message and waits
/// for its echo, over and over (one message outstanding per connection). Counts the echoes in the measured window, after
/// a warm-up, and charges the server's allocation and CPU over that window to them.
/// </summary>
internal static class LoadCell
{
    public static async Task<CellResult> RunAsync(LoadTarget target, byte[] payload, int connections, int repeat, LoadOptions options, HttpClient http)
    {
        byte[] frame = ClientFrame.Build(payload, target.OfferDeflate);
        var endPoint = new IPEndPoint(IPAddress.Loopback, target.Port);
        RawWebSocketClient[] clients = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ =>
            RawWebSocketClient.ConnectAsync(endPoint, "/echo", target.OfferDeflate, CancellationToken.None))).ConfigureAwait(false);
        try
        {
            foreach (RawWebSocketClient client in clients)
            {
                if (client.DeflateNegotiated != target.OfferDeflate)
                {
                    throw new InvalidOperationException($"{target.Name}: permessage-deflate negotiated {client.DeflateNegotiated}, expected {target.OfferDeflate}.");
                }
                await CheckFirstEchoAsync(client, frame, payload).ConfigureAwait(false);
            }

            var counters = new long[connections];
            using var stop = new CancellationTokenSource();
            Task[] loops = [.. clients.Select((client, i) => Task.Run(() => EchoLoopAsync(client, frame, counters, i, stop.Token)))];
            await Task.Delay(options.Warmup).ConfigureAwait(false);

            long startCount = Sum(counters);
            ServerStats before = await ServerStats.FetchAsync(http, target.Port, CancellationToken.None).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            await Task.Delay(options.Measure).ConfigureAwait(false);
            ServerStats after = await ServerStats.FetchAsync(http, target.Port, CancellationToken.None).ConfigureAwait(false);
            long endCount = Sum(counters);
            TimeSpan elapsed = clock.Elapsed;

            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(false);
            return new CellResult(target.Name, payload.Length, connections, repeat, endCount - startCount, elapsed, before, after);
        }
        finally
        {
            foreach (RawWebSocketClient client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task CheckFirstEchoAsync(RawWebSocketClient client, byte[] frame, byte[] payload)
    {
        await client.SendAsync(frame, CancellationToken.None).ConfigureAwait(false);
        using var echo = new MemoryStream();
        await client.ReceiveMessageAsync(echo, CancellationToken.None).ConfigureAwait(false);
        byte[] received = client.LastMessageCompressed ? ClientFrame.Inflate(echo.GetBuffer().AsSpan(0, (int)echo.Length)) : echo.ToArray();
        if (!received.AsSpan().SequenceEqual(payload))
        {
            throw new InvalidOperationException($"The echo of a {payload.Length}-byte message differs from what was sent ({received.Length} bytes back).");
        }
    }

    private static async Task EchoLoopAsync(RawWebSocketClient client, byte[] frame, long[] counters, int index, CancellationToken stop)
    {
        // Stop is checked between round trips, so a loop always ends with its echo read and the connection quiet.
        while (!stop.IsCancellationRequested)
        {
            await client.SendAsync(frame, CancellationToken.None).ConfigureAwait(false);
            await client.ReceiveMessageAsync(null, CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref counters[index], counters[index] + 1);
        }
    }

    private static long Sum(long[] counters)
    {
        long sum = 0;
        for (int i = 0; i < counters.Length; i++)
        {
            sum += Volatile.Read(ref counters[i]);
        }
        return sum;
    }
}
