using System.Text;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// Says, without any state machine, where UTF-8 input first becomes hopeless: the first byte after which no
/// continuation could make the bytes so far valid. A prefix is still viable when it is valid UTF-8 followed by a
/// proper prefix (at most 3 bytes) of the encoding of some Unicode scalar value; those prefixes are enumerated from
/// <see cref="Rune"/> itself.
/// </summary>
internal static class Utf8Oracle
{
    private static readonly HashSet<int> s_properPrefixes = BuildProperPrefixes();

    /// <summary>The index of the first byte that no continuation can make valid, or -1 when every prefix is viable.</summary>
    public static int FirstHopelessByte(ReadOnlySpan<byte> bytes)
    {
        for (int length = 1; length <= bytes.Length; length++)
        {
            if (!IsViable(bytes[..length]))
            {
                return length - 1;
            }
        }
        return -1;
    }

    private static bool IsViable(ReadOnlySpan<byte> prefix)
    {
        for (int tail = 0; tail <= Math.Min(3, prefix.Length); tail++)
        {
            ReadOnlySpan<byte> rest = prefix[(prefix.Length - tail)..];
            if ((tail == 0 || s_properPrefixes.Contains(Key(rest))) && System.Text.Unicode.Utf8.IsValid(prefix[..(prefix.Length - tail)]))
            {
                return true;
            }
        }
        return false;
    }

    private static int Key(ReadOnlySpan<byte> bytes)
    {
        int key = bytes.Length << 24;
        for (int i = 0; i < bytes.Length; i++)
        {
            key |= bytes[i] << (8 * (2 - i));
        }
        return key;
    }

    private static HashSet<int> BuildProperPrefixes()
    {
        var prefixes = new HashSet<int>();
        Span<byte> encoded = stackalloc byte[4];
        for (int value = 0x80; value <= 0x10FFFF; value++)
        {
            if (!Rune.IsValid(value))
            {
                continue;
            }
            int length = new Rune(value).EncodeToUtf8(encoded);
            for (int n = 1; n < length; n++)
            {
                prefixes.Add(Key(encoded[..n]));
            }
        }
        return prefixes;
    }
}
