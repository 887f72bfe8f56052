using System.Globalization;
using System.Net.WebSockets;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// One soak client: draws actions from <see cref="SoakMix"/> with its own seeded random and runs each to its end on its
/// connection, opening a new one after a cancel, a vanish, or a connection that failed a check. At the stop it starts
/// nothing new, waits for what it is owed, and closes with a close frame.
/// </summary>
internal sealed class SoakClient
{
    /// <summary>Largest random pause before a cancel or a vanish: long enough to land before, during and after ocr_start.</summary>
    private const int MaxDropDelayMs = 500;

    private readonly int _index;
    private readonly LoadOptions _options;
    private readonly ImageSet _images;
    private readonly SoakLedger _ledger;
    private readonly ConnectionGauge _gauge;
    private readonly Random _random;
    private int _connections;
    private int _sequence;

    public SoakClient(int index, LoadOptions options, ImageSet images, SoakLedger ledger, ConnectionGauge gauge)
    {
        _index = index;
        _options = options;
        _images = images;
        _ledger = ledger;
        _gauge = gauge;
        // Client i of seed s draws the same actions in every run.
        _random = new Random(unchecked((options.Seed * 7919) + index));
    }

    /// <summary>Runs until <paramref name="stopping"/>, then for as long as its last action's answers may take.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        SoakConnection? connection = null;
        while (!stopping.IsCancellationRequested)
        {
            connection ??= await SoakConnection.OpenAsync(NextConnectionName(), _options, _ledger, _gauge, stopping).ConfigureAwait(false);
            if (connection is null)
            {
                await PauseAsync(1000, stopping).ConfigureAwait(false);
                continue;
            }
            SoakAction action = SoakMix.Draw(_random);
            _ledger.Action(action);
            connection = await RunAsync(action, connection, stopping).ConfigureAwait(false);
        }
        if (connection is not null)
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <returns>The connection to go on with; null when this action closed or dropped it.</returns>
    private async Task<SoakConnection?> RunAsync(SoakAction action, SoakConnection connection, CancellationToken stopping)
    {
        string requirements = SoakMessages.Requirements(_random);
        switch (action)
        {
            case SoakAction.Good:
                return await ExchangeAsync(connection, [Request(requirements, Images(1), binary: true)], stopping).ConfigureAwait(false);
            case SoakAction.GoodText:
                return await ExchangeAsync(connection, [Request(requirements, Images(1), binary: false)], stopping).ConfigureAwait(false);
            case SoakAction.Burst:
                return await ExchangeAsync(connection, [.. Enumerable.Range(0, _random.Next(2, 5)).Select(_ => Request(SoakMessages.Requirements(_random), Images(1), binary: true))], stopping).ConfigureAwait(false);
            case SoakAction.Batch:
                return await ExchangeAsync(connection, [Request(requirements, Images(_random.Next(2, 5)), binary: true)], stopping).ConfigureAwait(false);
            case SoakAction.BatchText:
                return await ExchangeAsync(connection, [Request(requirements, Images(_random.Next(2, 4)), binary: false)], stopping).ConfigureAwait(false);
            case SoakAction.Bad:
                return await ExchangeAsync(connection, [BadInputs.Draw(_random, NextId(), _images)], stopping).ConfigureAwait(false);
            case SoakAction.Ping:
                string id = NextId();
                return await ExchangeAsync(connection, [new SoakMessage(id, WebSocketMessageType.Text, SoakMessages.Ping(id), SoakExpectation.PingPong)], stopping).ConfigureAwait(false);
            default:
                // Cancel or vanish: a request, a moment, then the connection goes; nothing sent on it is owed any more.
                bool reset = _random.Next(2) == 0;
                int delayMs = _random.Next(MaxDropDelayMs);
                await connection.SendAsync(Request(requirements, Images(1), binary: true)).ConfigureAwait(false);
                await Task.Delay(delayMs, CancellationToken.None).ConfigureAwait(false);
                await (action == SoakAction.Cancel ? connection.CloseAsync() : connection.VanishAsync(reset)).ConfigureAwait(false);
                return null;
        }
    }

    /// <summary>Sends the messages back to back and waits for all their answers.</summary>
    private async Task<SoakConnection?> ExchangeAsync(SoakConnection connection, SoakMessage[] messages, CancellationToken stopping)
    {
        var sent = new List<SoakPending>(messages.Length);
        foreach (SoakMessage message in messages)
        {
            if (await connection.SendAsync(message).ConfigureAwait(false) is SoakPending pending)
            {
                sent.Add(pending);
            }
        }
        if (sent.Count < messages.Length || !await connection.WaitAsync(sent, _options.RequestTimeout).ConfigureAwait(false))
        {
            // A broken or silent connection (already counted): start afresh rather than trust it.
            await connection.VanishAsync(reset: true).ConfigureAwait(false);
            return null;
        }
        // A well-behaved client takes the pause a busy answer asks for.
        int retryAfterMs = sent.Max(p => p.Final?.RetryAfterMs ?? 0);
        if (retryAfterMs > 0)
        {
            await PauseAsync(retryAfterMs, stopping).ConfigureAwait(false);
        }
        return connection;
    }

    private SoakMessage Request(string requirements, byte[][] images, bool binary)
    {
        string id = NextId();
        byte[] payload = binary ? SoakMessages.Binary(id, requirements, images) : SoakMessages.Text(id, requirements, images);
        return new SoakMessage(id, binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, payload, SoakExpectation.Good(images.Length));
    }

    private byte[][] Images(int count) => [.. Enumerable.Range(0, count).Select(_ => _images.Images[_random.Next(_images.Images.Count)].Bytes)];

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"s{_index}-{_connections}-{_sequence++}");

    private string NextConnectionName() => string.Create(CultureInfo.InvariantCulture, $"client {_index} connection {++_connections}");

    private static async Task PauseAsync(int ms, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(ms, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run's end cuts a pause short.
        }
    }
}
