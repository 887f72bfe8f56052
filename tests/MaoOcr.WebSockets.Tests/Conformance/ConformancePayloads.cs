using System.Text;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>Seeded payloads for the socket tests: valid UTF-8 text that compresses like OCR JSON, and incompressible bytes.</summary>
internal static class ConformancePayloads
{
    private static readonly string[] s_words =
        ["{\"text\":", "\"line\",", "box", "score", "0.98", "recognition", " ", "\n", "瑞雪兆丰年", "Übergröße", "\U0001F600"];

    /// <summary>Valid UTF-8 of exactly <paramref name="length"/> bytes, with 2-, 3- and 4-byte characters.</summary>
    public static byte[] Text(Random random, int length)
    {
        var text = new StringBuilder(length);
        int bytes = 0;
        while (bytes < length)
        {
            string word = s_words[random.Next(s_words.Length)];
            int size = Encoding.UTF8.GetByteCount(word);
            if (bytes + size > length)
            {
                word = new string('a', length - bytes);
                size = length - bytes;
            }
            text.Append(word);
            bytes += size;
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Incompressible bytes.</summary>
    public static byte[] Binary(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Text or binary of <paramref name="length"/> bytes.</summary>
    public static byte[] For(bool text, int length, Random random) => text ? Text(random, length) : Binary(random, length);
}
