namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>The appliance process at one moment, from /proc/PID.</summary>
/// <param name="Seconds">Since the soak started.</param>
/// <param name="RssKib">VmRSS of /proc/PID/status.</param>
/// <param name="Threads">Threads of /proc/PID/status.</param>
/// <param name="Handles">Entries of /proc/PID/fd: files, sockets, pipes, eventfds.</param>
/// <param name="Connections">The soak's connections open at that moment, each one of <paramref name="Handles"/>.</param>
internal sealed record ProcessSample(double Seconds, long RssKib, int Threads, int Handles, int Connections)
{
    /// <summary>Handles less the soak's own connections: what should stay flat while clients come and go.</summary>
    public int OtherHandles => Handles - Connections;
}
