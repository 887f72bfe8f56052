namespace MaoOcr.Appliance.Core;

/// <summary>
/// The "Queue" section: limits of the work queue in front of the engine, each defined here once (the WebSocket session's
/// per-connection limit is <see cref="MaxQueuedPerConnection"/> too). Each default says where it comes from.
/// </summary>
public sealed class WorkQueueLimits
{
    private int _workers = DefaultWorkers();
    private int _maxQueued = 64;
    private int _maxQueuedPerConnection = 16;

    /// <summary>
    /// Requests run at once. ORT already spreads one request over every core, so more workers only help
    /// to overlap decoding and post-processing with inference: half the cores, at least one.
    /// </summary>
    /// <remarks>0 in the configuration means this default.</remarks>
    public int Workers
    {
        get => _workers;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0, nameof(Workers));
            _workers = value == 0 ? DefaultWorkers() : value;
        }
    }

    /// <summary>
    /// Requests waiting across all connections. 64: at about a second per page on a small box, a minute of
    /// work; past that a client is better told "busy" and when to retry than left waiting.
    /// </summary>
    public int MaxQueued
    {
        get => _maxQueued;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxQueued));
            _maxQueued = value;
        }
    }

    /// <summary>
    /// Requests one connection may have waiting, and on a WebSocket in flight (above it, <c>busy</c>). 16: one client's
    /// burst cannot fill the whole queue.
    /// </summary>
    public int MaxQueuedPerConnection
    {
        get => _maxQueuedPerConnection;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxQueuedPerConnection));
            _maxQueuedPerConnection = value;
        }
    }

    private static int DefaultWorkers() => Math.Max(1, Environment.ProcessorCount / 2);
}
