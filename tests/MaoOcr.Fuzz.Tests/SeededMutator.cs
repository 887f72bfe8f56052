namespace MaoOcr.Fuzz.Tests;

/// <summary>
/// A small, deterministic stand-in for libFuzzer's mutations, for the smoke in the test suite: bit flips, byte changes,
/// inserted and erased runs, boundary values, dictionary tokens and splices of two seeds. Seeded, so a failure repeats.
/// </summary>
internal sealed class SeededMutator
{
    /// <summary>Mutations stacked on one input, as libFuzzer stacks up to five.</summary>
    private const int MaxStackedMutations = 4;

    /// <summary>Values at the edges parsers test against: zero, sign bits, 125/126/127 (frame lengths), all ones.</summary>
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x7D, 0x7E, 0x7F, 0x80, 0xFF, (byte)'"', (byte)'\\', (byte)'\r', (byte)'\n', (byte)','];

    private readonly Random _random;
    private readonly IReadOnlyList<byte[]> _seeds;
    private readonly IReadOnlyList<byte[]> _tokens;
    private readonly int _maxLength;

    public SeededMutator(int seed, IReadOnlyList<byte[]> seeds, IReadOnlyList<byte[]> tokens, int maxLength)
    {
        _random = new Random(seed);
        _seeds = seeds.Count > 0 ? seeds : [[]];
        _tokens = tokens;
        _maxLength = maxLength;
    }

    /// <summary>A new input: a seed with one to <see cref="MaxStackedMutations"/> mutations.</summary>
    public byte[] Next()
    {
        var input = new List<byte>(_seeds[_random.Next(_seeds.Count)]);
        int mutations = _random.Next(1, MaxStackedMutations + 1);
        for (int i = 0; i < mutations; i++)
        {
            Mutate(input);
        }
        return [.. input.Take(_maxLength)];
    }

    private void Mutate(List<byte> input)
    {
        int at = _random.Next(input.Count + 1);
        switch (_random.Next(8))
        {
            case 0 when at < input.Count:
                input[at] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when at < input.Count:
                input[at] = (byte)_random.Next(256);
                break;
            case 2 when at < input.Count:
                input[at] = s_interesting[_random.Next(s_interesting.Length)];
                break;
            case 3:
                input.InsertRange(at, RandomBytes(_random.Next(1, 9)));
                break;
            case 4 when at < input.Count:
                input.RemoveRange(at, _random.Next(1, input.Count - at + 1));
                break;
            case 5 when _tokens.Count > 0:
                input.InsertRange(at, _tokens[_random.Next(_tokens.Count)]);
                break;
            case 6 when at < input.Count:
                int length = _random.Next(1, input.Count - at + 1);
                input.InsertRange(_random.Next(input.Count + 1), input.GetRange(at, length));
                break;
            default:
                byte[] other = _seeds[_random.Next(_seeds.Count)];
                int from = _random.Next(other.Length + 1);
                input.RemoveRange(at, input.Count - at);
                input.AddRange(other.AsSpan(from).ToArray());
                break;
        }
    }

    private byte[] RandomBytes(int count)
    {
        byte[] bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }
}
