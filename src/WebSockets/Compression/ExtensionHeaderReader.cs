using System.Buffers;

namespace MaoOcr.WebSockets.Compression;

/// <summary>
/// Reads one <c>Sec-WebSocket-Extensions</c> field value without allocating. The grammar, from RFC 6455 §9.1
/// with the list and whitespace rules of RFC 7230 §7 and §3.2.3:
/// <code>
///   Sec-WebSocket-Extensions = 1#extension           ; empty elements and OWS around "," are allowed
///   extension       = extension-token *( OWS ";" OWS extension-param )
///   extension-param = token [ BWS "=" BWS ( token / quoted-string ) ]
///   quoted-string   = DQUOTE *( qdtext / quoted-pair ) DQUOTE
/// </code>
/// A grammar error spoils only the element it is in: <see cref="SkipExtension"/> moves to the next comma
/// that is not inside a quoted-string, so one bad offer cannot hide or forge the offers after it.
/// </summary>
internal ref struct ExtensionHeaderReader
{
    /// <summary>RFC 7230 §3.2.6 tchar (RFC 9110 §5.6.2): the characters of a token, which header names are too.</summary>
    internal static readonly SearchValues<char> TokenChars =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private readonly ReadOnlySpan<char> _text;
    private int _position;

    public ExtensionHeaderReader(ReadOnlySpan<char> text)
    {
        _text = text;
        _position = 0;
    }

    /// <summary>
    /// Moves past empty list elements to the next extension and reads its token. Returns false at the end of
    /// the value. An element that does not start with a token gives an empty <paramref name="name"/>.
    /// </summary>
    public bool ReadExtension(out ReadOnlySpan<char> name)
    {
        while (true)
        {
            SkipWhitespace();
            if (_position >= _text.Length)
            {
                name = default;
                return false;
            }
            if (_text[_position] == ',')
            {
                _position++;
                continue;
            }
            name = ReadToken();
            return true;
        }
    }

    /// <summary>Reads the next parameter of the current extension.</summary>
    public ExtensionToken ReadParameter(out ExtensionParameter parameter)
    {
        parameter = default;
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            return ExtensionToken.EndOfExtension;
        }
        char c = _text[_position];
        if (c == ',')
        {
            _position++;
            return ExtensionToken.EndOfExtension;
        }
        if (c != ';')
        {
            return ExtensionToken.Malformed;
        }
        _position++;
        SkipWhitespace();
        ReadOnlySpan<char> name = ReadToken();
        if (name.IsEmpty)
        {
            return ExtensionToken.Malformed;
        }
        SkipWhitespace();
        if (_position >= _text.Length || _text[_position] != '=')
        {
            parameter = new ExtensionParameter(name, default, hasValue: false, isQuoted: false);
            return ExtensionToken.Parameter;
        }
        _position++;
        SkipWhitespace();
        if (_position < _text.Length && _text[_position] == '"')
        {
            if (!TryReadQuotedString(out ReadOnlySpan<char> quoted))
            {
                return ExtensionToken.Malformed;
            }
            parameter = new ExtensionParameter(name, quoted, hasValue: true, isQuoted: true);
            return ExtensionToken.Parameter;
        }
        ReadOnlySpan<char> value = ReadToken();
        if (value.IsEmpty)
        {
            return ExtensionToken.Malformed;
        }
        parameter = new ExtensionParameter(name, value, hasValue: true, isQuoted: false);
        return ExtensionToken.Parameter;
    }

    /// <summary>Moves past the rest of the current extension: to just after the next comma outside a quoted-string, or to the end.</summary>
    public void SkipExtension()
    {
        bool quoted = false;
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (quoted)
            {
                if (c == '\\')
                {
                    _position++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                return;
            }
        }
        _position = _text.Length;
    }

    private ReadOnlySpan<char> ReadToken()
    {
        ReadOnlySpan<char> rest = _text[_position..];
        int length = rest.IndexOfAnyExcept(TokenChars);
        if (length < 0)
        {
            length = rest.Length;
        }
        _position += length;
        return rest[..length];
    }

    /// <summary>
    /// Reads a quoted-string at the current DQUOTE. On failure the position stays on the opening quote, so
    /// <see cref="SkipExtension"/> skips the string as a whole.
    /// </summary>
    private bool TryReadQuotedString(out ReadOnlySpan<char> inside)
    {
        int start = _position + 1;
        int i = start;
        while ((uint)i < (uint)_text.Length)
        {
            char c = _text[i];
            if (c == '"')
            {
                inside = _text[start..i];
                _position = i + 1;
                return true;
            }
            if (c == '\\')
            {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                if ((uint)(i + 1) >= (uint)_text.Length || !IsQuotedPairChar(_text[i + 1]))
                {
                    break;
                }
                i += 2;
                continue;
            }
            if (!IsQdText(c))
            {
                break;
            }
            i++;
        }
        inside = default;
        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t')
        {
            _position++;
        }
    }

    /// <summary>RFC 7230 §3.2.6 qdtext: HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text.</summary>
    private static bool IsQdText(char c) => c is '\t' or ' ' or '!' || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);

    private static bool IsQuotedPairChar(char c) => c is '\t' or ' ' || (c >= 0x21 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
}
