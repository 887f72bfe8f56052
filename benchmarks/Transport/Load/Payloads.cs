using System.Text;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>
/// What the load client sends: text-like ASCII, sent as Text messages. Words are drawn with a Zipf-like skew from a
/// vocabulary of 4,000 made-up lowercase words, with spaces, punctuation and numbers between, all from a seeded
/// <see cref="Random"/>. zlib shrinks it to about half, as it does prose or JSON; random bytes would not shrink at all, and a
/// tiny vocabulary would make zlib's match search unrealistically slow. Every implementation gets the same bytes.
/// </summary>
internal static class Payloads
{
    private const int VocabularySize = 4000;

    private static readonly string[] s_vocabulary = MakeVocabulary();

    /// <summary>Exactly <paramref name="length"/> bytes of ASCII text, the same for the same length.</summary>
    public static byte[] Text(int length)
    {
        var random = new Random(6455 + length);
        var text = new StringBuilder(length + 32);
        while (text.Length < length)
        {
            // Zipf-like: the square of a uniform number favours the first words.
            double u = random.NextDouble();
            text.Append(s_vocabulary[(int)(u * u * VocabularySize)]);
            text.Append(random.Next(12) switch
            {
                0 => ", ",
                1 => ". ",
                2 => $" {random.Next(1_000_000)} ",
                _ => " ",
            });
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }

    private static string[] MakeVocabulary()
    {
        var random = new Random(7692);
        var words = new string[VocabularySize];
        for (int i = 0; i < words.Length; i++)
        {
            char[] letters = new char[random.Next(2, 11)];
            for (int j = 0; j < letters.Length; j++)
            {
                letters[j] = (char)('a' + random.Next(26));
            }
            words[i] = new string(letters);
        }
        return words;
    }
}
