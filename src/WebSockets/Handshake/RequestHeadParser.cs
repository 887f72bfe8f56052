using System.Buffers;
using System.Diagnostics;
using System.Text;

namespace MaoOcr.WebSockets.Handshake;

/// <summary>
/// Reads one HTTP/1.1 request head (request line, header fields, empty line; RFC 9112 §2.1) from a pipe's buffer,
/// split across segments anywhere. Never throws on input.
/// </summary>
/// <remarks>
/// <para>
/// Like Kestrel's <c>HttpParser</c> it works on a <see cref="SequenceReader{T}"/> and reports complete or need-more;
/// unlike it, it keeps no state between reads: an incomplete head is left unconsumed and parsed again from its start
/// when more bytes arrive. A head is read once per connection and bounded by <see cref="RequestHeadLimits.MaxHeadBytes"/>,
/// so the repeat costs little, and strings are only made once the whole head is known to be valid.
/// </para>
/// <para>
/// It is strict where RFC 9112 lets a server choose: lines must end in CRLF (§2.2), obsolete line folding is refused
/// (§5.2), one SP separates the parts of the request line (§3), and whitespace before a field's colon is refused (§5.1).
/// A head it refuses is not consumed, so the middleware can still hand the connection to Kestrel, which answers it.
/// </para>
/// </remarks>
internal static class RequestHeadParser
{
    // Lines up to this long are gathered on the stack when they straddle segments; longer ones use the array pool.
    private const int StackLineBytes = 256;

    // RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
    private static readonly SearchValues<byte> s_tokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // RFC 9110 §5.5: field-value is VCHAR, obs-text (0x80-0xFF), SP and HTAB; every other control character is refused.
    private static readonly SearchValues<byte> s_forbiddenValueBytes = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x7F]);

    private static ReadOnlySpan<byte> HttpVersionPrefix => "HTTP/"u8;

    private static ReadOnlySpan<byte> OptionalWhitespace => " \t"u8;

    /// <summary>Parses the request head at the reader's position.</summary>
    /// <param name="reader">The unread input. Advanced past the head's empty line only on <see cref="RequestHeadParseStatus.Complete"/>.</param>
    /// <param name="limits">Size and count limits.</param>
    /// <param name="head">The head on <see cref="RequestHeadParseStatus.Complete"/>; null otherwise.</param>
    /// <param name="error">The broken rule on <see cref="RequestHeadParseStatus.Invalid"/>; <see cref="RequestHeadError.None"/> otherwise.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null.</exception>
    public static RequestHeadParseStatus TryParse(ref SequenceReader<byte> reader, RequestHeadLimits limits, out RequestHead? head, out RequestHeadError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        head = null;

        // Only the first MaxHeadBytes are ever searched, so a flood without line ends costs no more than a full head.
        ReadOnlySequence<byte> unread = reader.UnreadSequence;
        bool truncated = unread.Length > limits.MaxHeadBytes;
        if (truncated)
        {
            unread = unread.Slice(0, limits.MaxHeadBytes);
        }

        var scan = new SequenceReader<byte>(unread);
        RequestHeadParseStatus status = Walk(ref scan, limits, builder: null, out error);
        if (status == RequestHeadParseStatus.NeedMoreData && truncated)
        {
            error = RequestHeadError.HeadTooLarge;
            return RequestHeadParseStatus.Invalid;
        }
        if (status != RequestHeadParseStatus.Complete)
        {
            return status;
        }

        var builder = new HeadBuilder();
        var build = new SequenceReader<byte>(unread);
        RequestHeadParseStatus built = Walk(ref build, limits, builder, out _);
        Debug.Assert(built == RequestHeadParseStatus.Complete && build.Consumed == scan.Consumed);
        head = builder.Build();
        reader.Advance(scan.Consumed);
        return RequestHeadParseStatus.Complete;
    }

    /// <summary>Parses the request head at the start of <paramref name="buffer"/>.</summary>
    /// <param name="buffer">What the transport has delivered so far.</param>
    /// <param name="limits">Size and count limits.</param>
    /// <param name="consumed">Just past the head's empty line on <see cref="RequestHeadParseStatus.Complete"/>; the buffer's start otherwise.</param>
    /// <param name="head">The head on <see cref="RequestHeadParseStatus.Complete"/>; null otherwise.</param>
    /// <param name="error">The broken rule on <see cref="RequestHeadParseStatus.Invalid"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null.</exception>
    public static RequestHeadParseStatus TryParse(in ReadOnlySequence<byte> buffer, RequestHeadLimits limits, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error)
    {
        var reader = new SequenceReader<byte>(buffer);
        RequestHeadParseStatus status = TryParse(ref reader, limits, out head, out error);
        consumed = status == RequestHeadParseStatus.Complete ? reader.Position : buffer.Start;
        return status;
    }

    private static RequestHeadParseStatus Walk(ref SequenceReader<byte> reader, RequestHeadLimits limits, HeadBuilder? builder, out RequestHeadError error)
    {
        int headerCount = 0;
        bool isRequestLine = true;
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
        {
            // RFC 9112 §2.2 lets a recipient accept a bare LF; we do not, so that no two parsers disagree on where a line ends.
            if (line.IsEmpty || !EndsWithCarriageReturn(line))
            {
                error = RequestHeadError.BareLineEnding;
                return RequestHeadParseStatus.Invalid;
            }
            line = line.Slice(0, line.Length - 1);

            if (!isRequestLine)
            {
                if (line.IsEmpty)
                {
                    error = RequestHeadError.None;
                    return RequestHeadParseStatus.Complete;
                }
                if (++headerCount > limits.MaxHeaderCount)
                {
                    error = RequestHeadError.TooManyHeaders;
                    return RequestHeadParseStatus.Invalid;
                }
            }
            error = ParseLine(line, isRequestLine, builder);
            if (error != RequestHeadError.None)
            {
                return RequestHeadParseStatus.Invalid;
            }
            isRequestLine = false;
        }
        error = RequestHeadError.None;
        return RequestHeadParseStatus.NeedMoreData;
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.Advance(line.Length - 1);
        return reader.TryPeek(out byte last) && last == (byte)'\r';
    }

    /// <summary>Gathers a line that straddles segments into one span, then parses it.</summary>
    private static RequestHeadError ParseLine(in ReadOnlySequence<byte> line, bool isRequestLine, HeadBuilder? builder)
    {
        if (line.IsSingleSegment)
        {
            return ParseLine(line.FirstSpan, isRequestLine, builder);
        }
        int length = (int)line.Length;
        byte[]? rented = null;
        Span<byte> gathered = length <= StackLineBytes
            ? stackalloc byte[StackLineBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        gathered = gathered[..length];
        line.CopyTo(gathered);
        RequestHeadError error = ParseLine(gathered, isRequestLine, builder);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return error;
    }

    private static RequestHeadError ParseLine(ReadOnlySpan<byte> line, bool isRequestLine, HeadBuilder? builder)
    {
        // A CR anywhere but at the end of a line is a bare CR (RFC 9112 §2.2).
        if (line.Contains((byte)'\r'))
        {
            return RequestHeadError.BareLineEnding;
        }
        return isRequestLine ? ParseRequestLine(line, builder) : ParseHeaderLine(line, builder);
    }

    // RFC 9112 §3: request-line = method SP request-target SP HTTP-version
    private static RequestHeadError ParseRequestLine(ReadOnlySpan<byte> line, HeadBuilder? builder)
    {
        int firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            return RequestHeadError.InvalidRequestLine;
        }
        ReadOnlySpan<byte> method = line[..firstSpace];
        ReadOnlySpan<byte> rest = line[(firstSpace + 1)..];
        int secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace <= 0)
        {
            return RequestHeadError.InvalidRequestLine;
        }
        ReadOnlySpan<byte> target = rest[..secondSpace];
        ReadOnlySpan<byte> version = rest[(secondSpace + 1)..];

        // The target is visible ASCII only (RFC 3986 characters, percent-encoded beyond them); a second space would land here.
        if (method.IndexOfAnyExcept(s_tokenChars) >= 0
            || target.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0
            || !IsHttpVersion(version))
        {
            return RequestHeadError.InvalidRequestLine;
        }
        if (builder is not null)
        {
            builder.Method = Encoding.ASCII.GetString(method);
            builder.Target = Encoding.ASCII.GetString(target);
            builder.Version = Encoding.ASCII.GetString(version);
        }
        return RequestHeadError.None;
    }

    // RFC 9112 §2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT
    private static bool IsHttpVersion(ReadOnlySpan<byte> version) =>
        version.Length == HttpVersionPrefix.Length + 3
        && version.StartsWith(HttpVersionPrefix)
        && char.IsAsciiDigit((char)version[5])
        && version[6] == (byte)'.'
        && char.IsAsciiDigit((char)version[7]);

    // RFC 9112 §5: field-line = field-name ":" OWS field-value OWS
    private static RequestHeadError ParseHeaderLine(ReadOnlySpan<byte> line, HeadBuilder? builder)
    {
        Debug.Assert(!line.IsEmpty);
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            return RequestHeadError.ObsoleteLineFolding;
        }
        int colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            return RequestHeadError.MissingColon;
        }
        ReadOnlySpan<byte> name = line[..colon];
        if (name.IsEmpty)
        {
            return RequestHeadError.InvalidHeaderName;
        }
        if (name[^1] is (byte)' ' or (byte)'\t')
        {
            return RequestHeadError.WhitespaceBeforeColon;
        }
        if (name.IndexOfAnyExcept(s_tokenChars) >= 0)
        {
            return RequestHeadError.InvalidHeaderName;
        }
        ReadOnlySpan<byte> value = line[(colon + 1)..].Trim(OptionalWhitespace);
        if (value.IndexOfAny(s_forbiddenValueBytes) >= 0)
        {
            return RequestHeadError.InvalidHeaderValue;
        }
        // Latin-1 keeps obs-text bytes as the characters U+0080..U+00FF instead of guessing at an encoding.
        builder?.Headers.Add(new RequestHeader(Encoding.ASCII.GetString(name), Encoding.Latin1.GetString(value)));
        return RequestHeadError.None;
    }

    private sealed class HeadBuilder
    {
        public string Method { get; set; } = string.Empty;

        public string Target { get; set; } = string.Empty;

        public string Version { get; set; } = string.Empty;

        public List<RequestHeader> Headers { get; } = [];

        public RequestHead Build() => new(Method, Target, Version, [.. Headers]);
    }
}
