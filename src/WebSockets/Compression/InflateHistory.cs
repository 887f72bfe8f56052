namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// The last 32 KiB a context-takeover inflater produced: its window, kept on our side because .NET 10's compression
/// shim has no <c>inflateGetDictionary</c>. Needed only when a peer ends a message with a final block (RFC 7692
/// §7.2.3.4), after which the stream must restart with the old window (<see cref="MessageInflater"/>).
/// </summary>
internal sealed class InflateHistory
{
    /// <summary>DEFLATE's largest window, RFC 1951 §2: no distance reaches further back.</summary>
    public const int Capacity = 1 << PerMessageDeflate.MaxWindowBits;

    private readonly byte[] _ring = new byte[Capacity];
    private int _end;
    private bool _full;

    /// <summary>Records output, in order.</summary>
    public void Append(ReadOnlySpan<byte> output)
    {
        if (output.Length >= Capacity)
        {
            output[^Capacity..].CopyTo(_ring);
            _end = 0;
            _full = true;
            return;
        }
        int first = Math.Min(output.Length, Capacity - _end);
        output[..first].CopyTo(_ring.AsSpan(_end));
        output[first..].CopyTo(_ring);
        int end = _end + output.Length;
        _full |= end >= Capacity;
        _end = end >= Capacity ? end - Capacity : end;
    }

    /// <summary>Writes the recorded bytes, oldest first, to <paramref name="destination"/> (at least <see cref="Capacity"/> long).</summary>
    /// <returns>How many bytes were written.</returns>
    public int CopyTo(Span<byte> destination)
    {
        if (!_full)
        {
            _ring.AsSpan(0, _end).CopyTo(destination);
            return _end;
        }
        _ring.AsSpan(_end).CopyTo(destination);
        _ring.AsSpan(0, _end).CopyTo(destination[(Capacity - _end)..]);
        return Capacity;
    }
}
