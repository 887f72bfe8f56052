namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// The soak's open connections at this moment. Each costs the appliance one socket descriptor, so the handle check
/// subtracts it from the descriptors sampled: connections come and go, a leak does not.
/// </summary>
internal sealed class ConnectionGauge
{
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
