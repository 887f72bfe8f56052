namespace MaoOcr.Appliance.Core;

/// <summary>One queued request. The queue calls exactly one of <see cref="RunAsync"/> or <see cref="Abandon"/>.</summary>
public interface IWorkItem
{
    /// <summary>Cancelled when the client goes away: the item is then abandoned instead of run.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Does the work on a queue worker. Exceptions are the item's to report; the queue only logs them.</summary>
    Task RunAsync();

    /// <summary>Called instead of <see cref="RunAsync"/> when the item was cancelled while waiting, or the queue stopped.</summary>
    void Abandon();
}
