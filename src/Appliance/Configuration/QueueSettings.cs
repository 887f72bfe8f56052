using MaoOcr.Appliance.Core;

namespace MaoOcr.Appliance.Configuration;

/// <summary>The "Queue" section (see <see cref="WorkQueueOptions"/> for the defaults' sources).</summary>
public sealed class QueueSettings
{
    /// <summary>0 means the default: half the cores, at least one.</summary>
    public int Workers { get; set; }

    public int MaxQueued { get; set; } = 64;

    public int MaxQueuedPerConnection { get; set; } = 16;
}
