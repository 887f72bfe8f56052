using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// What a transport hears about one request before its outcome: once when it is queued, then as the engine moves through
/// its stages. Called from queue workers; implementations must not block.
/// </summary>
public interface IOcrRequestObserver
{
    /// <summary>The request was accepted; <paramref name="position"/> requests will run before it (0 = next).</summary>
    void Queued(int position);

    /// <summary>The engine reached a stage; may come before <see cref="Queued"/> when the request runs at once.</summary>
    void Progress(StageProgress progress);
}
