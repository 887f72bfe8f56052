namespace MaoOcr.Appliance.Core;

/// <summary>One queued request. The queue calls exactly one of <see cref="Run"/> or <see cref="Abandon"/>.</summary>
public interface IWorkItem
{
    /// <summary>
    /// Cancelled when the client goes away or the item's deadline passes: while it waits, the queue then takes it out
    /// and abandons it at once; once running, the item itself watches the token.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>
    /// Does the work, synchronously, on one of the queue's own threads (the engine is CPU or GPU work that blocks its
    /// thread). Exceptions are the item's to report; the queue only catches them so that a worker never dies.
    /// </summary>
    void Run();

    /// <summary>
    /// Called instead of <see cref="Run"/> when the item was cancelled while waiting (on the thread that cancelled it, or
    /// a worker's), or the queue stopped.
    /// </summary>
    void Abandon();
}
