using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Unicode;

namespace MaoOcr.Appliance.Protocol;

/// <summary>What keeps a JSON string token from being text.</summary>
internal enum JsonStringProblem
{
    None,

    /// <summary>The raw bytes are not UTF-8 (RFC 8259 §8.1 makes JSON between systems UTF-8).</summary>
    InvalidUtf8,

    /// <summary>A <c>\u</c> escape encodes half a surrogate pair with no other half beside it (RFC 8259 §8.2).</summary>
    UnpairedSurrogate,
}

/// <summary>
/// Checks JSON strings before they are decoded. <see cref="Utf8JsonReader.Read"/> checks a string's escapes for syntax
/// but not its bytes for UTF-8, nor whether a <c>\uD800</c> has its partner; <see cref="Utf8JsonReader.GetString"/>
/// and <see cref="Utf8JsonReader.CopyString(Span{byte})"/> find out and throw <see cref="InvalidOperationException"/>.
/// The parser checks here first, so a hostile string is a refusal and never an exception.
/// </summary>
internal static class JsonStrings
{
    /// <summary>A string split across segments up to this many bytes is checked on the stack; longer ones in a pooled buffer.</summary>
    private const int StackCopyLimit = 256;

    /// <summary><c>\uXXXX</c>: a backslash, the letter u and four hex digits.</summary>
    private const int UnicodeEscapeLength = 6;

    /// <summary>Checks the reader's current string token (a value or a property name).</summary>
    public static JsonStringProblem Check(ref Utf8JsonReader reader)
    {
        Debug.Assert(reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName);
        if (!reader.HasValueSequence)
        {
            return Check(reader.ValueSpan, reader.ValueIsEscaped);
        }
        ReadOnlySequence<byte> value = reader.ValueSequence;
        int length = checked((int)value.Length);
        byte[]? rented = length > StackCopyLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> copy = rented is null ? stackalloc byte[StackCopyLimit] : rented;
        copy = copy[..length];
        value.CopyTo(copy);
        JsonStringProblem problem = Check(copy, reader.ValueIsEscaped);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return problem;
    }

    /// <summary>The current string token as a .NET string, or null with the reason it is not text.</summary>
    public static JsonStringProblem TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        JsonStringProblem problem = Check(ref reader);
        value = problem == JsonStringProblem.None ? reader.GetString() : null;
        return problem;
    }

    /// <summary>
    /// Whether the current property name is <paramref name="name"/>. An escaped name is unescaped to compare, which
    /// throws on half a surrogate pair; such a name is no name we know, so it is just not equal.
    /// </summary>
    public static bool NameEquals(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        (!reader.ValueIsEscaped || Check(ref reader) == JsonStringProblem.None) && reader.ValueTextEquals(name);

    /// <summary>The refusal of a string, naming where it stood (<c>the message's "id"</c>, <c>data.image</c>).</summary>
    public static string Describe(JsonStringProblem problem, string field) => problem switch
    {
        JsonStringProblem.InvalidUtf8 => $"{field} is not valid UTF-8.",
        _ => $"{field} escapes half a UTF-16 surrogate pair (such as \\udc00 alone), which is no character.",
    };

    /// <summary>Whether the whole message is UTF-8, strings that the parser skips included.</summary>
    /// <remarks>The session hands the parser one contiguous buffer; only a caller with a segmented sequence pays for a copy.</remarks>
    public static bool IsUtf8(in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return Utf8.IsValid(bytes.FirstSpan);
        }
        int length = checked((int)bytes.Length);
        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        bytes.CopyTo(copy);
        bool valid = Utf8.IsValid(copy.AsSpan(0, length));
        ArrayPool<byte>.Shared.Return(copy);
        return valid;
    }

    private static JsonStringProblem Check(ReadOnlySpan<byte> raw, bool escaped) =>
        !Utf8.IsValid(raw) ? JsonStringProblem.InvalidUtf8
        : escaped && !SurrogateEscapesArePaired(raw) ? JsonStringProblem.UnpairedSurrogate
        : JsonStringProblem.None;

    /// <summary>
    /// Whether every <c>\u</c> escape of a high surrogate is followed at once by one of a low surrogate, and no low
    /// surrogate stands alone. Read has already checked the escapes' syntax: a backslash is followed by one of
    /// <c>"\/bfnrt</c> or by <c>u</c> and four hex digits.
    /// </summary>
    private static bool SurrogateEscapesArePaired(ReadOnlySpan<byte> raw)
    {
        int next;
        while ((next = raw.IndexOf((byte)'\\')) >= 0)
        {
            raw = raw[next..];
            if (raw[1] != (byte)'u')
            {
                raw = raw[2..];
                continue;
            }
            char unit = EscapedUnit(raw);
            raw = raw[UnicodeEscapeLength..];
            if (char.IsLowSurrogate(unit))
            {
                return false;
            }
            if (char.IsHighSurrogate(unit))
            {
                if (!raw.StartsWith("\\u"u8) || !char.IsLowSurrogate(EscapedUnit(raw)))
                {
                    return false;
                }
                raw = raw[UnicodeEscapeLength..];
            }
        }
        return true;
    }

    /// <summary>The UTF-16 code unit of the <c>\uXXXX</c> escape at the start of <paramref name="escape"/>.</summary>
    private static char EscapedUnit(ReadOnlySpan<byte> escape)
    {
        bool parsed = Utf8Parser.TryParse(escape.Slice(2, 4), out ushort unit, out int consumed, 'X');
        Debug.Assert(parsed && consumed == 4, "Utf8JsonReader.Read has checked the escape's four hex digits.");
        return (char)unit;
    }
}
