using System.Text;

namespace MaoOcr.Inference.Recognition;

/// <summary>
/// Greedy CTC decoding: take the best class at each timestep, merge repeats, drop blanks. A repeated
/// character survives only when a blank separates the two, which is how CTC spells "ll".
/// </summary>
internal static class CtcDecoder
{
    /// <param name="probabilities">Row-major timesteps × classes of softmax probabilities.</param>
    /// <param name="classCount">Classes per timestep.</param>
    /// <param name="dictionary">Class index to symbol.</param>
    /// <param name="allowed">When not empty, only these classes (and blank) may be chosen.</param>
    public static DecodedText Decode(ReadOnlySpan<float> probabilities, int classCount, CharacterDictionary dictionary, ReadOnlySpan<int> allowed = default)
    {
        int steps = probabilities.Length / classCount;
        var text = new StringBuilder();
        float confidenceSum = 0;
        int kept = 0;
        int previous = CharacterDictionary.Blank;
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> step = probabilities.Slice(t * classCount, classCount);
            int best = allowed.IsEmpty ? ArgMax.Of(step, out float p) : ArgMax.OfSubset(step, allowed, out p);
            if (best != CharacterDictionary.Blank && best != previous)
            {
                text.Append(dictionary[best]);
                confidenceSum += p;
                kept++;
            }
            previous = best;
        }
        return kept == 0 ? new DecodedText(string.Empty, 0f) : new DecodedText(text.ToString(), confidenceSum / kept);
    }
}
