using System.Buffers;
using System.Text.Unicode;

namespace MaoOcr.WebSockets.Framing;

/// <summary>
/// Validates a text message's UTF-8 as it arrives, piece by piece, failing at the first byte that no continuation
/// could make valid (RFC 6455 §8.1; Autobahn 6.4.x "fail fast").
/// </summary>
/// <remarks>
/// <para>
/// Valid means well-formed per the Unicode Standard, Table 3-7: no overlong forms (C0, C1, E0 80–9F, F0 80–8F),
/// no surrogates (ED A0–BF), nothing above U+10FFFF (F4 90–BF, F5–FF), and no sequence cut short at message end.
/// </para>
/// <para>
/// The bulk of each piece goes through <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/>, which is vectorized and
/// skips ASCII runs quickly. Only a sequence that a piece boundary cuts, at most three bytes at each end, goes through
/// the byte state machine here, and that machine checks each byte's allowed range as it comes, so a cut sequence that
/// can no longer be valid (F4 90 ...) fails with the piece that holds its bad byte, not with the next one.
/// </para>
/// <para>
/// A mutable struct, kept in a field for the connection's lifetime: after a successful final piece it is ready for
/// the next message. Once it fails it stays failed until <see cref="Reset"/>.
/// </para>
/// </remarks>
internal struct Utf8Validator
{
    private const byte ContinuationLow = 0x80;
    private const byte ContinuationHigh = 0xBF;

    // Continuation bytes the open sequence still needs (0-3), and the range the next one must fall in.
    private byte _needed;
    private byte _nextLow;
    private byte _nextHigh;
    private bool _failed;

    /// <summary>Whether a sequence is open: the last piece ended inside a multi-byte character.</summary>
    public readonly bool InsideSequence => _needed != 0;

    /// <summary>Whether an earlier piece failed.</summary>
    public readonly bool IsFailed => _failed;

    /// <summary>Validates the next piece of the message.</summary>
    /// <param name="chunk">The next bytes of the message, possibly empty, possibly cutting a character.</param>
    /// <param name="isFinal">True when <paramref name="chunk"/> ends the message: a character still open then is an error.</param>
    /// <returns>False as soon as the bytes so far cannot be the start of valid UTF-8 (close with 1007).</returns>
    public bool TryAdvance(ReadOnlySpan<byte> chunk, bool isFinal)
    {
        if (_failed)
        {
            return false;
        }
        if (_needed != 0)
        {
            int i = 0;
            for (; _needed != 0 && (uint)i < (uint)chunk.Length; i++)
            {
                if (!Step(chunk[i]))
                {
                    return Fail();
                }
            }
            chunk = chunk.Slice(i);
        }
        if (!chunk.IsEmpty)
        {
            int tail = IncompleteTailLength(chunk);
            if (!Utf8.IsValid(chunk.Slice(0, chunk.Length - tail)))
            {
                return Fail();
            }
            foreach (byte b in chunk.Slice(chunk.Length - tail))
            {
                if (!Step(b))
                {
                    return Fail();
                }
            }
        }
        return !isFinal || _needed == 0 || Fail();
    }

    /// <summary>Validates the next piece of the message, given as the pipe's segments.</summary>
    /// <param name="chunk">The next bytes of the message.</param>
    /// <param name="isFinal">True when <paramref name="chunk"/> ends the message.</param>
    /// <returns>False as soon as the bytes so far cannot be the start of valid UTF-8.</returns>
    public bool TryAdvance(in ReadOnlySequence<byte> chunk, bool isFinal)
    {
        if (chunk.IsSingleSegment)
        {
            return TryAdvance(chunk.FirstSpan, isFinal);
        }
        foreach (ReadOnlyMemory<byte> segment in chunk)
        {
            if (!TryAdvance(segment.Span, isFinal: false))
            {
                return false;
            }
        }
        return TryAdvance(ReadOnlySpan<byte>.Empty, isFinal);
    }

    /// <summary>Forgets any open sequence and any failure, ready for a new message.</summary>
    public void Reset() => this = default;

    /// <summary>
    /// How many bytes at the end of <paramref name="chunk"/> form a sequence that the chunk cuts short: a lead byte
    /// within the last three bytes that announces more bytes than follow it. 0 when the chunk ends on a boundary (or
    /// ends so wrongly that <see cref="Utf8.IsValid(ReadOnlySpan{byte})"/> will refuse it anyway).
    /// </summary>
    private static int IncompleteTailLength(ReadOnlySpan<byte> chunk)
    {
        int limit = Math.Min(chunk.Length, 3);
        for (int k = 1; k <= limit; k++)
        {
            byte b = chunk[chunk.Length - k];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }
            if (b < 0xC0)
            {
                return 0;
            }
            int sequenceLength = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            return sequenceLength > k ? k : 0;
        }
        return 0;
    }

    /// <summary>Feeds one byte to the state machine (Unicode Table 3-7); false when it cannot continue valid UTF-8.</summary>
    private bool Step(byte b)
    {
        if (_needed == 0)
        {
            // A lead byte. The second byte's range narrows for E0 (no overlongs), ED (no surrogates),
            // F0 (no overlongs) and F4 (nothing above U+10FFFF).
            switch (b)
            {
                case < 0x80:
                    return true;
                case < 0xC2:
                    return false; // a continuation byte, or the overlong leads C0 and C1
                case < 0xE0:
                    Open(1, ContinuationLow, ContinuationHigh);
                    return true;
                case < 0xF0:
                    Open(2, b == 0xE0 ? (byte)0xA0 : ContinuationLow, b == 0xED ? (byte)0x9F : ContinuationHigh);
                    return true;
                case < 0xF5:
                    Open(3, b == 0xF0 ? (byte)0x90 : ContinuationLow, b == 0xF4 ? (byte)0x8F : ContinuationHigh);
                    return true;
                default:
                    return false; // F5-FF: beyond U+10FFFF or never UTF-8
            }
        }
        if (b < _nextLow || b > _nextHigh)
        {
            return false;
        }
        Open((byte)(_needed - 1), ContinuationLow, ContinuationHigh);
        return true;
    }

    private void Open(byte needed, byte low, byte high)
    {
        _needed = needed;
        _nextLow = low;
        _nextHigh = high;
    }

    private bool Fail()
    {
        _failed = true;
        return false;
    }
}
