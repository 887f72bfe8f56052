using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Appliance.Testing;

/// <summary>
/// The protocol's golden wire messages (docs/protocol/golden): the appliance's tests and the SDK's tests check their
/// side against the same files. This project copies the folder into the output of every test project that references it.
/// </summary>
/// <remarks>
/// A file is named <c>direction/type.variant.ext</c>, e.g. <c>server/ocr_error.busy.json</c>. A <c>.json</c> file holds
/// one text message followed by one line break, which is not part of the message. A <c>.hex</c> file holds one binary
/// message as hex digits; whitespace and <c>#</c> comments between them are not part of it.
/// </remarks>
public static class GoldenMessages
{
    /// <summary>The messages a client sends.</summary>
    public const string Client = "client";

    /// <summary>The messages the appliance sends.</summary>
    public const string Server = "server";

    /// <summary>The first image the golden requests carry: a white 1×1 PNG.</summary>
    public static ReadOnlyMemory<byte> WhitePixelPng { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mP4DwABAQEAHLCMmQAAAABJRU5ErkJggg==");

    /// <summary>The second image of the golden batches: a black 1×1 PNG.</summary>
    public static ReadOnlyMemory<byte> BlackPixelPng { get; } = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mNgAAAAAgAB5Sfe/AAAAABJRU5ErkJggg==");

    /// <summary>The searchable PDF of the golden binary answer (server/ocr_complete.pdf.hex): a one-page blank PDF, 308 bytes, that qpdf --check accepts.</summary>
    public static ReadOnlyMemory<byte> TinyPdf { get; } = Convert.FromBase64String("JVBERi0xLjQKMSAwIG9iago8PC9UeXBlL0NhdGFsb2cvUGFnZXMgMiAwIFI+PgplbmRvYmoKMiAwIG9iago8PC9UeXBlL1BhZ2VzL0tpZHNbMyAwIFJdL0NvdW50IDE+PgplbmRvYmoKMyAwIG9iago8PC9UeXBlL1BhZ2UvUGFyZW50IDIgMCBSL01lZGlhQm94WzAgMCA3MiA3Ml0+PgplbmRvYmoKeHJlZgowIDQKMDAwMDAwMDAwMCA2NTUzNSBmIAowMDAwMDAwMDA5IDAwMDAwIG4gCjAwMDAwMDAwNTQgMDAwMDAgbiAKMDAwMDAwMDEwNSAwMDAwMCBuIAp0cmFpbGVyCjw8L1NpemUgNC9Sb290IDEgMCBSPj4Kc3RhcnR4cmVmCjE2OAolJUVPRgo=");

    /// <summary>The copy of docs/protocol/golden beside the test binaries.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "golden");

    /// <summary>The files of one direction (<see cref="Client"/> or <see cref="Server"/>) as <c>direction/name</c>, sorted.</summary>
    public static IReadOnlyList<string> Files(string direction) =>
        [.. Directory.EnumerateFiles(Path.Combine(Folder, direction))
            .Select(path => $"{direction}/{Path.GetFileName(path)}")
            .Order(StringComparer.Ordinal)];

    /// <summary>The message type a file holds: its name up to the first dot (<c>server/ocr_error.busy.json</c> → ocr_error).</summary>
    public static string TypeOf(string file)
    {
        string name = file[(file.LastIndexOf('/') + 1)..];
        return name[..name.IndexOf('.', StringComparison.Ordinal)];
    }

    /// <summary>The message's exact bytes: a text message's UTF-8, or a binary message.</summary>
    public static byte[] Read(string file)
    {
        string path = Path.Combine(Folder, file);
        if (file.EndsWith(".hex", StringComparison.Ordinal))
        {
            var digits = new StringBuilder();
            string? quotedEnvelope = null;
            foreach (string line in File.ReadLines(path))
            {
                int comment = line.IndexOf('#', StringComparison.Ordinal);
                digits.Append((comment < 0 ? line : line[..comment]).Replace(" ", "", StringComparison.Ordinal));
                if (comment >= 0 && line.AsSpan(comment + 1).TrimStart().StartsWith("{"))
                {
                    quotedEnvelope = line[(comment + 1)..].Trim();
                }
            }
            byte[] message = Convert.FromHexString(digits.ToString());
            // The comment that quotes the envelope for readers must not drift from the bytes.
            Assert.Equal(quotedEnvelope, Encoding.UTF8.GetString(BinaryEnvelope(message).Span));
            return message;
        }
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes is [.., (byte)'\n'] && bytes[^2] != (byte)'\n', $"{file} ends with exactly one line break after the message.");
        return bytes[..^1];
    }

    /// <summary>A text message parsed, or the envelope of a binary one.</summary>
    public static JsonElement ReadEnvelope(string file)
    {
        byte[] message = Read(file);
        ReadOnlyMemory<byte> json = file.EndsWith(".hex", StringComparison.Ordinal) ? BinaryEnvelope(message) : message;
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The JSON envelope of a binary message: the bytes its 4-byte big-endian length prefix counts.</summary>
    public static ReadOnlyMemory<byte> BinaryEnvelope(byte[] message) =>
        message.AsMemory(4, checked((int)BinaryPrimitives.ReadUInt32BigEndian(message)));

    /// <summary>The bytes of a binary message after its envelope: a request's images, or an answer's PDF.</summary>
    public static ReadOnlyMemory<byte> BinaryImages(byte[] message) => message.AsMemory(4 + BinaryEnvelope(message).Length);
}
