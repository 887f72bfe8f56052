using MaoOcr.Client;

namespace MaoOcr.Fleet.Driver;

/// <summary>
/// One user of the .NET SDK: one <see cref="MaoOcrClient"/> (one connection through the balancer) sending one image
/// at a time. It relies on the SDK for reconnecting and resending, a stopping appliance's refusals (<c>busy</c> with
/// <c>resend</c>) included, and retries nothing itself: any error that reaches it, a <c>busy</c> too, is one its app
/// would show.
/// </summary>
internal sealed class LoadClient(string name, DriverArguments arguments, AnswerLedger ledger)
{
    private int _reconnects;

    // How long a request may stay unanswered after "stop" before it counts as never answered: a failure guard only,
    // far above a resend after a reconnect (the SDK's backoff starts at 1 s).
    private static readonly TimeSpan s_drainGuard = TimeSpan.FromSeconds(90);

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
            await SendAndRecordAsync(client, requestName, image).ConfigureAwait(false);
        }
    }

    private async Task SendAndRecordAsync(MaoOcrClient client, string requestName, FixtureImage image)
    {
        // Not cancelled by "stop": a request once sent is seen through to its answer, within the guard.
        using var guard = new CancellationTokenSource(s_drainGuard);
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
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            ledger.Unanswered(requestName);
        }
        catch (MaoOcrException e)
        {
            // A busy too: a stopping appliance's refusal comes with resend and never gets here.
            ledger.Error(requestName, e);
        }
    }
}
