namespace MaoOcr.Appliance.Core;

/// <summary>Why an item was not queued.</summary>
public enum EnqueueResult
{
    Queued,

    /// <summary>The whole queue is full.</summary>
    QueueFull,

    /// <summary>This connection already has its share waiting.</summary>
    ConnectionFull,

    /// <summary>The queue is shutting down.</summary>
    Stopped,
}
