using System.Buffers;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Compression;

/// <summary>Seeded payloads, random splits, and the plumbing to feed them to the deflater and inflater in pieces.</summary>
internal static class CompressionTestData
{
    private static readonly string[] s_words =
    [
        "the", "text", "line", "box", "score", "recognition", "detector", "{\"page\":", "\"lines\":[", "0.98", "],",
        "confidence", "MaoOCR", "edge", "frame", "deflate", "window", "\n", ", ", ". ", "瑞雪兆丰年", "Übergröße",
    ];

    /// <summary>Incompressible bytes.</summary>
    public static byte[] RandomBytes(Random random, int length)
    {
        var data = new byte[length];
        random.NextBytes(data);
        return data;
    }

    /// <summary>UTF-8 text from a small vocabulary: compresses the way OCR JSON does, with matches at every distance.</summary>
    public static byte[] Text(Random random, int length)
    {
        var text = new StringBuilder(length + 32);
        while (Encoding.UTF8.GetByteCount(text.ToString()) < length)
        {
            text.Append(s_words[random.Next(s_words.Length)]).Append(' ');
            if (text.Length > 4096 && random.Next(8) == 0)
            {
                break;
            }
        }
        byte[] chunk = Encoding.UTF8.GetBytes(text.ToString());
        var data = new byte[length];
        for (int i = 0; i < length; i += chunk.Length)
        {
            // Repeat the generated chunk with small mutations so long inputs stay cheap to build.
            chunk.AsSpan(0, Math.Min(chunk.Length, length - i)).CopyTo(data.AsSpan(i));
            if (chunk.Length > 0)
            {
                chunk[random.Next(chunk.Length)] = (byte)random.Next(32, 127);
            }
        }
        return data;
    }

    /// <summary>Cuts <paramref name="data"/> into 1..<paramref name="maxPieces"/> consecutive pieces at random points; empty pieces included.</summary>
    public static List<ArraySegment<byte>> Split(Random random, byte[] data, int maxPieces)
    {
        int pieces = random.Next(1, maxPieces + 1);
        var cuts = new List<int> { 0, data.Length };
        for (int i = 1; i < pieces; i++)
        {
            cuts.Add(random.Next(data.Length + 1));
        }
        cuts.Sort();
        var result = new List<ArraySegment<byte>>(pieces);
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            result.Add(new ArraySegment<byte>(data, cuts[i], cuts[i + 1] - cuts[i]));
        }
        return result;
    }

    /// <summary>A <see cref="ReadOnlySequence{T}"/> over random consecutive pieces of <paramref name="data"/>.</summary>
    public static ReadOnlySequence<byte> ToSequence(Random random, ArraySegment<byte> data)
    {
        byte[] copy = data.ToArray();
        List<ArraySegment<byte>> pieces = Split(random, copy, 5);
        var first = new Segment(pieces[0]);
        Segment last = first;
        for (int i = 1; i < pieces.Count; i++)
        {
            last = last.Append(pieces[i]);
        }
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    /// <summary>Compresses one message, appending it in random pieces, through the span and sequence overloads at random.</summary>
    public static byte[] Deflate(MessageDeflater deflater, byte[] message, Random random)
    {
        var output = new ArrayBufferWriter<byte>();
        long length;
        switch (random.Next(3))
        {
            case 0:
                length = deflater.Compress(message, output);
                break;
            case 1:
                length = deflater.Compress(ToSequence(random, message), output);
                break;
            default:
                foreach (ArraySegment<byte> piece in Split(random, message, 8))
                {
                    deflater.Append(piece, output);
                }
                length = deflater.Finish(output);
                break;
        }
        Assert.Equal(output.WrittenCount, length);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Inflates one compressed message fed as random frames, through the span and sequence overloads at random.</summary>
    public static (InflateStatus Status, byte[] Output) Inflate(MessageInflater inflater, byte[] payload, Random random, long limit = long.MaxValue, IBufferWriter<byte>? writer = null)
    {
        var output = new ArrayBufferWriter<byte>();
        writer ??= output;
        List<ArraySegment<byte>> frames = Split(random, payload, payload.Length < 64 ? payload.Length + 1 : 12);
        long total = 0;
        for (int i = 0; i < frames.Count; i++)
        {
            bool last = i == frames.Count - 1;
            InflateResult result = random.Next(2) == 0
                ? inflater.Inflate(frames[i], last, writer, limit)
                : inflater.Inflate(ToSequence(random, frames[i]), last, writer, limit);
            total += result.BytesWritten;
            if (result.Status != InflateStatus.Ok)
            {
                return (result.Status, Written(writer));
            }
            Assert.Equal(total, result.MessageBytes);
        }
        return (InflateStatus.Ok, Written(writer));
    }

    /// <summary>What a message plus the RFC 7692 §7.2.2 trailer plus a final empty fixed block (03 00) looks like to a plain DEFLATE decoder.</summary>
    public static byte[] DecodeWithDeflateStream(byte[] deflateStream)
    {
        using var input = new MemoryStream(deflateStream);
        using var inflate = new System.IO.Compression.DeflateStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var output = new MemoryStream();
        inflate.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Written(IBufferWriter<byte> writer) => writer switch
    {
        ArrayBufferWriter<byte> array => array.WrittenSpan.ToArray(),
        SmallSpanWriter small => small.WrittenSpan.ToArray(),
        MessageBuffer message => message.WrittenSpan.ToArray(),
        _ => throw new NotSupportedException(),
    };

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}

/// <summary>
/// A writer that hands out spans of at most <c>maxSpan</c> bytes whatever was asked, to force zlib's inflate through
/// its byte-at-a-time path. That breaks the <see cref="IBufferWriter{T}"/> contract on purpose; only the inflater,
/// which takes any non-empty span, is given one.
/// </summary>
internal sealed class SmallSpanWriter(int maxSpan) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new();

    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public int WrittenCount => _inner.WrittenCount;

    public void Advance(int count)
    {
        Assert.InRange(count, 0, maxSpan);
        _inner.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(sizeHint)[..maxSpan];

    public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(sizeHint)[..maxSpan];
}
