using System.Text;

namespace MaoOcr.Testing.Documents;

public static partial class HostilePdfs
{
    /// <summary>The owner password of both encrypted files.</summary>
    public const string OwnerPassword = "mao-owner";

    /// <summary>The user password of <see cref="EncryptedWithUserPassword"/>.</summary>
    public const string UserPassword = "mao-user";

    // Files carry two /ID strings; the first feeds the key derivation. Fixed, so the bytes repeat.
    private static readonly byte[] s_documentId = Encoding.ASCII.GetBytes("MaoOcr.Testing.1");

    /// <summary>
    /// A one-page file with <see cref="PageText"/>, encrypted with 128-bit RC4 (Standard security handler, revision 3)
    /// and an EMPTY user password: readers open it without asking, as they do the many such files that only
    /// restrict printing or copying. A reader that does not decrypt sees RC4 noise where the page's content stream
    /// should be, and draws a blank page or reports a syntax error, not "encrypted".
    /// </summary>
    public static byte[] EncryptedEmptyUserPassword() => Encrypted(userPassword: "");

    /// <summary>
    /// The same page encrypted with user password <see cref="UserPassword"/> (owner <see cref="OwnerPassword"/>):
    /// it cannot be read without the password. An appliance should answer "password required", not crash and not
    /// return an empty page as if it had read it.
    /// </summary>
    public static byte[] EncryptedWithUserPassword() => Encrypted(UserPassword);

    private static byte[] Encrypted(string userPassword)
    {
        var encryption = new PdfStandardEncryption(userPassword, OwnerPassword, s_documentId);
        using var writer = new PdfObjectWriter();
        int catalog = WriteTextPage(writer, encryption);
        // The /Encrypt dictionary itself is never encrypted (§7.6.1).
        int encrypt = writer.Add(encryption.Dictionary);
        string id = PdfObjectWriter.HexString(s_documentId);
        return writer.Finish(catalog, PdfObjectWriter.Invariant($"/Encrypt {encrypt} 0 R /ID [{id} {id}]"));
    }
}
