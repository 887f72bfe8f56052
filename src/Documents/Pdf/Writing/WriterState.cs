namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>Where a <see cref="SearchablePdfWriter"/> is in its life; every entry point checks it.</summary>
internal enum WriterState
{
    /// <summary>Pages may be added; nothing may have been written yet.</summary>
    Open,

    /// <summary>The trailer is written; the file is complete.</summary>
    Finished,

    /// <summary>Writing to the stream threw part-way, so the file is incomplete; nothing more can be added.</summary>
    Failed,

    /// <summary>Disposed: every entry point throws <see cref="ObjectDisposedException"/>.</summary>
    Disposed,
}
