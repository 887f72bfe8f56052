namespace MaoOcr.WebSockets.Compression;

/// <summary>What <see cref="ExtensionHeaderReader.ReadParameter"/> found.</summary>
internal enum ExtensionToken
{
    /// <summary>A parameter was read.</summary>
    Parameter,

    /// <summary>The current extension has no more parameters; the reader is at the next element.</summary>
    EndOfExtension,

    /// <summary>The text breaks the grammar; call <see cref="ExtensionHeaderReader.SkipExtension"/>.</summary>
    Malformed,
}
