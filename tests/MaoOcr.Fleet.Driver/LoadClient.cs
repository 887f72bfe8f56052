using MaoOcr.Client;

namespace MaoOcr.Fleet.Driver;

/// <summary>
/// One user of the .NET SDK: one <see cref="MaoOcrClient"/> (one connection through the balancer) sending one image
/// at a time. It relies on the SDK for reconnecting and resending; on its own it only does what the protocol asks of
/// an app (docs/protocol.md): a <c>busy</c> answer is sent again after <c>retry_after_ms</c>.
/// </summary>
internal sealed class LoadClient(string name, DriverArguments arguments, AnswerLedger ledger)
{
    private int _reconnects;

    // How long a request may stay unanswered after "stop" before it counts as never answered: a failure guard only,
    // far above a resend after a reconnect (the SDK's backoff starts at 1 s).
    private static readonly TimeSpan s_drainGuard = TimeSpan.FromSeconds(90);

    // When busy comes without retry_after_ms.
    private static readonly TimeSpan s_defaultBusyWait = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken stop)
    {
        FixtureImage[] images = FixtureImage.Load(arguments.FixturesDirectory);
        await using var client = new MaoOcrClient(new MaoOcrClientOptions { Server = arguments.Url, ApiToken = arguments.Token });
        client.Completed += (_, e) => ledger.FinalMessage(e.RequestId);
        client.Failed += (_, e) => ledger.FinalMessage(e.RequestId);
        client.StatusChanged += (_, e) =>
        {
            if (e.Current == ConnectionStatus.Reconnecting)
            {
                ledger.Reconnecting();
                Interlocked.Increment(ref _reconnects);
            }
        };
        try
        {
            await client.ConnectAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return;
        }
        catch (MaoOcrException e)
        {
            ledger.Error($"{name} connect", e);
            return;
        }

        for (int n = 0; !stop.IsCancellationRequested; n++)
        {
            FixtureImage image = images[n % images.Length];
            string requestName = $"{name}-{n}";
            await SendUntilAnsweredAsync(client, requestName, image).ConfigureAwait(false);
        }
    }

    private async Task SendUntilAnsweredAsync(MaoOcrClient client, string requestName, FixtureImage image)
    {
        // Not cancelled by "stop": a request once sent is seen through to its answer, within the guard.
        using var guard = new CancellationTokenSource(s_drainGuard);
        while (true)
        {
            ledger.Sent();
            int reconnectsBefore = Volatile.Read(ref _reconnects);
            try
            {
                OcrResult result = await client.RecognizeAsync(image.Bytes, cancellationToken: guard.Token).ConfigureAwait(false);
                ledger.Answered(requestName, result.RequestId, image, result.Text);
                if (Volatile.Read(ref _reconnects) != reconnectsBefore)
                {
                    ledger.AnsweredAcrossReconnect();
                }
                return;
            }
            catch (OcrServerException e) when (e.Code == OcrErrorCode.Busy)
            {
                ledger.Busy();
                await Task.Delay(e.RetryAfter ?? s_defaultBusyWait, CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (guard.IsCancellationRequested)
            {
                ledger.Unanswered(requestName);
                return;
            }
            catch (MaoOcrException e)
            {
                ledger.Error(requestName, e);
                return;
            }
        }
    }
}
