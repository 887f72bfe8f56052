using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace MaoOcr.Testing.Documents;

/// <summary>
/// PDF's Standard security handler, revision 3 (128-bit RC4, ISO 32000-1 §7.6.3): derives the file key and the
/// /O and /U entries from the passwords, and encrypts each object's strings and streams with its own key.
/// Every PDF reader supports it, which is what a test of "this file is encrypted" needs.
/// </summary>
[SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "Revision 3 of the PDF standard security handler is defined on MD5 and RC4; this writes test files, it protects nothing.")]
internal sealed class PdfStandardEncryption
{
    private const int KeyLength = 16;

    /// <summary>All permissions granted; bits 1–2 and 7–8 and 13–32 are reserved as 0, 0, 1 (Table 22).</summary>
    public const int Permissions = -4;

    // Table 21's padding, appended to a password (truncated to 32 bytes) before hashing.
    private static readonly byte[] s_padding =
    [
        0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
        0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
    ];

    private readonly byte[] _fileKey;

    public PdfStandardEncryption(string userPassword, string ownerPassword, byte[] documentId)
    {
        DocumentId = documentId;
        Owner = OwnerEntry(Pad(ownerPassword.Length == 0 ? userPassword : ownerPassword), Pad(userPassword));
        _fileKey = FileKey(Pad(userPassword), Owner, documentId);
        User = UserEntry(_fileKey, documentId);
    }

    public byte[] DocumentId { get; }

    /// <summary>The /O entry (algorithm 3).</summary>
    public byte[] Owner { get; }

    /// <summary>The /U entry (algorithm 5).</summary>
    public byte[] User { get; }

    /// <summary>The /Encrypt dictionary.</summary>
    public string Dictionary => PdfObjectWriter.Invariant(
        $"<< /Filter /Standard /V 2 /R 3 /Length {KeyLength * 8} /P {Permissions} /O {PdfObjectWriter.HexString(Owner)} /U {PdfObjectWriter.HexString(User)} >>");

    /// <summary>Encrypts a string or stream of object <paramref name="objectNumber"/>, generation 0 (algorithm 1).</summary>
    public byte[] Encrypt(int objectNumber, ReadOnlySpan<byte> data)
    {
        Span<byte> input = stackalloc byte[KeyLength + 5];
        _fileKey.CopyTo(input);
        // The object number's low three bytes and the generation's low two, low byte first.
        input[KeyLength] = (byte)objectNumber;
        input[KeyLength + 1] = (byte)(objectNumber >> 8);
        input[KeyLength + 2] = (byte)(objectNumber >> 16);
        input[KeyLength + 3] = 0;
        input[KeyLength + 4] = 0;
        byte[] objectKey = MD5.HashData(input);
        return Rc4.Apply(objectKey.AsSpan(0, Math.Min(KeyLength + 5, 16)), data);
    }

    private static byte[] Pad(string password)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(password);
        byte[] padded = new byte[32];
        int length = Math.Min(bytes.Length, 32);
        bytes.AsSpan(0, length).CopyTo(padded);
        s_padding.AsSpan(0, 32 - length).CopyTo(padded.AsSpan(length));
        return padded;
    }

    // Algorithm 3: RC4 of the padded user password under a key hashed from the owner password, 20 rounds.
    private static byte[] OwnerEntry(byte[] paddedOwner, byte[] paddedUser)
    {
        byte[] hash = MD5.HashData(paddedOwner);
        for (int i = 0; i < 50; i++)
        {
            hash = MD5.HashData(hash.AsSpan(0, KeyLength));
        }
        return TwentyRounds(hash.AsSpan(0, KeyLength), paddedUser);
    }

    // Algorithm 2: MD5 of the padded user password, /O, /P and the first /ID string, then 50 more rounds.
    private static byte[] FileKey(byte[] paddedUser, byte[] owner, byte[] documentId)
    {
        byte[] input = new byte[32 + 32 + 4 + documentId.Length];
        paddedUser.CopyTo(input, 0);
        owner.CopyTo(input, 32);
        BinaryPrimitives.WriteInt32LittleEndian(input.AsSpan(64), Permissions);
        documentId.CopyTo(input, 68);
        byte[] hash = MD5.HashData(input);
        for (int i = 0; i < 50; i++)
        {
            hash = MD5.HashData(hash.AsSpan(0, KeyLength));
        }
        return hash.AsSpan(0, KeyLength).ToArray();
    }

    // Algorithm 5: MD5 of the padding and the first /ID string, RC4 in 20 rounds, padded to 32 bytes.
    private static byte[] UserEntry(byte[] fileKey, byte[] documentId)
    {
        byte[] hash = MD5.HashData([.. s_padding, .. documentId]);
        byte[] user = new byte[32];
        TwentyRounds(fileKey, hash).CopyTo(user, 0);
        return user;
    }

    // RC4 with the key, then 19 more times with each key byte XORed with the round number (algorithms 3 and 5, R3).
    private static byte[] TwentyRounds(ReadOnlySpan<byte> key, byte[] data)
    {
        byte[] result = Rc4.Apply(key, data);
        Span<byte> roundKey = stackalloc byte[key.Length];
        for (int round = 1; round <= 19; round++)
        {
            for (int k = 0; k < key.Length; k++)
            {
                roundKey[k] = (byte)(key[k] ^ round);
            }
            result = Rc4.Apply(roundKey, result);
        }
        return result;
    }
}
