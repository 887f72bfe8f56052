using System.Text;

namespace MaoOcr.Documents.Pdf.Writing;

/// <summary>
/// The /ToUnicode CMap (ISO 32000-1, 9.10.3; Adobe Technical Note 5411) that lets text extraction turn CIDs back into
/// text: identity ranges for the BMP, surrogate pairs for the CIDs <see cref="CidEncoder"/> gave characters beyond it.
/// </summary>
internal static class ToUnicodeCMap
{
    /// <summary>At most 100 entries in one begin…end block (Adobe Technical Note #5014, "CMap and CIDFont Files Specification", the limits on bfrange, bfchar and codespacerange).</summary>
    private const int MaximumEntriesPerBlock = 100;

    public static byte[] Build(IReadOnlyList<(ushort Cid, int CodePoint)> supplementary)
    {
        var cmap = new PdfBuffer(8192);
        cmap.Raw("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """u8);

        // One range per high byte: a bfrange increments only the last byte of its destination, so a range may not
        // cross a change of the first byte. The surrogate blocks D8–DF are left out: they hold the bfchar CIDs.
        var blocks = new List<int>(256);
        for (int high = 0; high <= 0xFF; high++)
        {
            if (high is < 0xD8 or > 0xDF)
            {
                blocks.Add(high);
            }
        }
        for (int start = 0; start < blocks.Count; start += MaximumEntriesPerBlock)
        {
            int count = Math.Min(MaximumEntriesPerBlock, blocks.Count - start);
            cmap.Integer(count).Raw(" beginbfrange\n"u8);
            for (int i = start; i < start + count; i++)
            {
                int first = blocks[i] << 8;
                cmap.Raw("<"u8).Hex4(first).Raw("> <"u8).Hex4(first | 0xFF).Raw("> <"u8).Hex4(first).Raw(">\n"u8);
            }
            cmap.Raw("endbfrange\n"u8);
        }

        Span<char> pair = stackalloc char[2];
        for (int start = 0; start < supplementary.Count; start += MaximumEntriesPerBlock)
        {
            int count = Math.Min(MaximumEntriesPerBlock, supplementary.Count - start);
            cmap.Integer(count).Raw(" beginbfchar\n"u8);
            for (int i = start; i < start + count; i++)
            {
                (ushort cid, int codePoint) = supplementary[i];
                new Rune(codePoint).EncodeToUtf16(pair);
                cmap.Raw("<"u8).Hex4(cid).Raw("> <"u8).Hex4(pair[0]).Hex4(pair[1]).Raw(">\n"u8);
            }
            cmap.Raw("endbfchar\n"u8);
        }

        cmap.Raw("""
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """u8);
        return cmap.WrittenSpan.ToArray();
    }
}
