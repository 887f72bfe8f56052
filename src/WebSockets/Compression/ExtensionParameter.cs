namespace MaoOcr.WebSockets.Compression;

/// <summary>One <c>extension-param</c>: a name and, when present, its value as written (quotes removed, escapes kept).</summary>
internal readonly ref struct ExtensionParameter
{
    public ExtensionParameter(ReadOnlySpan<char> name, ReadOnlySpan<char> rawValue, bool hasValue, bool isQuoted)
    {
        Name = name;
        RawValue = rawValue;
        HasValue = hasValue;
        IsQuoted = isQuoted;
    }

    public ReadOnlySpan<char> Name { get; }

    /// <summary>The token, or the inside of the quoted-string with its quoted-pairs still escaped.</summary>
    public ReadOnlySpan<char> RawValue { get; }

    public bool HasValue { get; }

    public bool IsQuoted { get; }
}
