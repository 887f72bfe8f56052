using System.IO.Compression;
using System.Text;
using MaoOcr.Testing.Documents;

namespace MaoOcr.Testing.Tests.Documents;

/// <summary>
/// Each hostile file does to poppler and qpdf what it is meant to do to a reader: they fail, or report the damage,
/// within their prlimit and timeout (see <see cref="PdfTools"/>).
/// </summary>
public sealed class HostilePdfsTests
{
    private static readonly string[] s_brokenFiles =
    [
        nameof(HostilePdfs.Empty),
        nameof(HostilePdfs.HeaderOnly),
        nameof(HostilePdfs.GarbageAfterHeader),
        nameof(HostilePdfs.TruncatedInHalf),
        nameof(HostilePdfs.TruncatedBeforeXref),
        nameof(HostilePdfs.DeeplyNested),
        nameof(HostilePdfs.ReferenceLoop),
        nameof(HostilePdfs.XrefLoop),
        nameof(HostilePdfs.PageCountClaim),
    ];

    // What each tool makes of each file, as observed with Debian's poppler-utils and qpdf. pdfinfo repairs what it
    // can and carries on, so "complains" means a nonzero exit or an error on stderr. qpdf --check exits 2 for
    // errors and 3 for warnings; it does not compare /Count with the kids, so the page-count claim passes it.
    [Theory]
    [InlineData(nameof(HostilePdfs.Empty), true)]
    [InlineData(nameof(HostilePdfs.HeaderOnly), true)]
    [InlineData(nameof(HostilePdfs.GarbageAfterHeader), true)]
    [InlineData(nameof(HostilePdfs.TruncatedInHalf), true)]
    [InlineData(nameof(HostilePdfs.TruncatedBeforeXref), true)]
    [InlineData(nameof(HostilePdfs.DeeplyNested), true)]
    [InlineData(nameof(HostilePdfs.ReferenceLoop), true)]
    [InlineData(nameof(HostilePdfs.XrefLoop), true)]
    [InlineData(nameof(HostilePdfs.PageCountClaim), false)]
    public void Broken_files_make_pdfinfo_complain_and_qpdf_fail(string name, bool qpdfFails)
    {
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, name + ".pdf", Build(name));
        ToolResult pdfinfo = PdfTools.Run("pdfinfo", path);
        Assert.False(pdfinfo.TimedOut, pdfinfo.ToString());
        Assert.True(pdfinfo.ExitCode != 0 || pdfinfo.StdErr.Contains("Error", StringComparison.OrdinalIgnoreCase), pdfinfo.ToString());
        ToolResult qpdf = PdfTools.Run("qpdf", "--check", path);
        Assert.False(qpdf.TimedOut, qpdf.ToString());
        Assert.True((qpdf.ExitCode != 0) == qpdfFails, qpdf.ToString());
    }

    [Fact]
    public void Pdfinfo_sees_through_the_page_count_claim()
    {
        using var directory = new TempDirectory();
        ToolResult pdfinfo = PdfTools.Run("pdfinfo", PdfTools.Save(directory, "count.pdf", HostilePdfs.PageCountClaim()));
        Assert.Contains("Page count (1000000) larger than number of objects", pdfinfo.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_is_the_same_each_time()
    {
        foreach (string name in s_brokenFiles)
        {
            Assert.Equal(Build(name), Build(name));
        }
        Assert.Equal(HostilePdfs.EncryptedWithUserPassword(), HostilePdfs.EncryptedWithUserPassword());
    }

    [Fact]
    public void The_truncated_files_are_cut_from_a_valid_one()
    {
        byte[] half = HostilePdfs.TruncatedInHalf(), beforeXref = HostilePdfs.TruncatedBeforeXref();
        Assert.StartsWith("%PDF-1.7", Encoding.Latin1.GetString(half), StringComparison.Ordinal);
        Assert.EndsWith("endobj\n", Encoding.Latin1.GetString(beforeXref), StringComparison.Ordinal);
        Assert.DoesNotContain("xref", Encoding.Latin1.GetString(beforeXref), StringComparison.Ordinal);
        Assert.True(half.Length < beforeXref.Length);
    }

    [Fact]
    public void Five_thousand_empty_pages_are_a_valid_file()
    {
        byte[] file = HostilePdfs.ManyEmptyPages(5000);
        Assert.InRange(file.Length, 1, 500_000);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "many.pdf", file);
        Assert.Equal("5000", PdfTools.Info(path)["Pages"]);
        ScannedPdfTests.AssertQpdfCheckPasses(path);
    }

    [Fact]
    public void An_empty_user_password_opens_without_asking()
    {
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "encrypted.pdf", HostilePdfs.EncryptedEmptyUserPassword());
        Assert.StartsWith("yes", PdfTools.Info(path)["Encrypted"], StringComparison.Ordinal);
        // Real encryption: the text is not in the file, yet poppler decrypts it with no password.
        Assert.DoesNotContain(HostilePdfs.PageText, Encoding.Latin1.GetString(HostilePdfs.EncryptedEmptyUserPassword()), StringComparison.Ordinal);
        Assert.Equal([HostilePdfs.PageText], TextLayerPdfTests.ExtractLines(path));
        ScannedPdfTests.AssertQpdfCheckPasses(path);
    }

    [Fact]
    public void A_user_password_is_needed_to_open_the_other()
    {
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "locked.pdf", HostilePdfs.EncryptedWithUserPassword());
        ToolResult refused = PdfTools.Run("pdfinfo", path);
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("password", refused.StdErr, StringComparison.OrdinalIgnoreCase);

        Assert.StartsWith("yes", PdfTools.Info(path, "-upw", HostilePdfs.UserPassword)["Encrypted"], StringComparison.Ordinal);
        ToolResult text = PdfTools.Run("pdftotext", "-upw", HostilePdfs.UserPassword, path, "-");
        Assert.Equal(HostilePdfs.PageText, text.StdOut.Trim().Trim('\f'));
        ToolResult owner = PdfTools.Run("qpdf", "--check", $"--password={HostilePdfs.OwnerPassword}", path);
        Assert.True(owner.ExitCode == 0, owner.ToString());
    }

    [Fact]
    public void The_compression_bomb_inflates_a_thousandfold()
    {
        // Inflated here in full, through a stream, so the 4 GiB are counted, never held.
        byte[] bomb = HostilePdfs.CompressionBomb();
        Assert.InRange(bomb.Length, 1, HostilePdfs.DefaultBombBytes / 1000);
        Assert.Equal(HostilePdfs.DefaultBombBytes, InflatedLength(bomb));
        // Odd lengths end in literals rather than whole 258-byte copies.
        Assert.Equal(1_000_003, InflatedLength(HostilePdfs.CompressionBomb(1_000_003)));
    }

    [Fact]
    public void The_compression_bomb_is_a_valid_file_that_poppler_and_qpdf_cannot_finish_within_limits()
    {
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "bomb.pdf", HostilePdfs.CompressionBomb());
        Assert.Equal("1", PdfTools.Info(path)["Pages"]);
        // qpdf holds the whole inflated stream and runs out of its 1 GiB; pdftoppm parses 4 GiB of white space
        // and runs out of CPU. Without the limits both would go on.
        ToolResult check = PdfTools.RunLimited(3, "qpdf", "--check", path);
        Assert.True(check.ExitCode != 0, check.ToString());
        ToolResult render = PdfTools.RunLimited(3, "pdftoppm", "-r", "10", "-png", path, directory.Combine("bomb"));
        Assert.True(render.ExitCode != 0, render.ToString());
    }

    [Fact]
    public void The_huge_image_claims_its_size_and_pdftoppm_cannot_finish_it_within_limits()
    {
        byte[] file = HostilePdfs.HugeImage();
        Assert.Contains($"/Width {HostilePdfs.HugeImageSide} /Height {HostilePdfs.HugeImageSide}", Encoding.Latin1.GetString(file), StringComparison.Ordinal);
        Assert.InRange(file.Length, 1, 10_000);
        using var directory = new TempDirectory();
        string path = PdfTools.Save(directory, "huge.pdf", file);
        Assert.Equal("1", PdfTools.Info(path)["Pages"]);
        // poppler draws all 10^10 claimed pixels, scaled down, and is stopped by the CPU limit.
        ToolResult render = PdfTools.RunLimited(3, "pdftoppm", "-r", "10", "-png", path, directory.Combine("huge"));
        Assert.True(render.ExitCode != 0, render.ToString());
    }

    private static byte[] Build(string name) => name switch
    {
        nameof(HostilePdfs.Empty) => HostilePdfs.Empty(),
        nameof(HostilePdfs.HeaderOnly) => HostilePdfs.HeaderOnly(),
        nameof(HostilePdfs.GarbageAfterHeader) => HostilePdfs.GarbageAfterHeader(),
        nameof(HostilePdfs.TruncatedInHalf) => HostilePdfs.TruncatedInHalf(),
        nameof(HostilePdfs.TruncatedBeforeXref) => HostilePdfs.TruncatedBeforeXref(),
        nameof(HostilePdfs.DeeplyNested) => HostilePdfs.DeeplyNested(),
        nameof(HostilePdfs.ReferenceLoop) => HostilePdfs.ReferenceLoop(),
        nameof(HostilePdfs.XrefLoop) => HostilePdfs.XrefLoop(),
        nameof(HostilePdfs.PageCountClaim) => HostilePdfs.PageCountClaim(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    // The content stream's inflated length, counted through a stream so the data is never held.
    private static long InflatedLength(byte[] file)
    {
        string text = Encoding.Latin1.GetString(file);
        int start = text.IndexOf("stream\n", StringComparison.Ordinal) + "stream\n".Length;
        int end = text.IndexOf("\nendstream", start, StringComparison.Ordinal);
        using var zlib = new ZLibStream(new MemoryStream(file, start, end - start), CompressionMode.Decompress);
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        for (int read; (read = zlib.Read(buffer)) > 0;)
        {
            total += read;
        }
        return total;
    }
}
