using System.Numerics;
using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Recognition;

/// <summary>Index of the largest value: the per-timestep hot loop of CTC decoding over 6,625 classes.</summary>
internal static class ArgMax
{
    public static int Of(ReadOnlySpan<float> values, out float max)
    {
        int n = values.Length;
        if (n == 0)
        {
            max = float.NaN;
            return -1;
        }
        int i = 0;
        float best = values[0];
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count * 2)
        {
            // First find the maximum with SIMD, then the first index that holds it.
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            Vector<float> m = vectors[0];
            for (int v = 1; v < vectors.Length; v++)
            {
                m = Vector.Max(m, vectors[v]);
            }
            for (int k = 0; k < Vector<float>.Count; k++)
            {
                best = MathF.Max(best, m[k]);
            }
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < n; i++)
        {
            best = MathF.Max(best, values[i]);
        }
        max = best;
        return values.IndexOf(best);
    }

    /// <summary>The best of the listed classes only.</summary>
    public static int OfSubset(ReadOnlySpan<float> values, ReadOnlySpan<int> classes, out float max)
    {
        int bestIndex = classes[0];
        float best = values[bestIndex];
        foreach (int c in classes[1..])
        {
            if (values[c] > best)
            {
                best = values[c];
                bestIndex = c;
            }
        }
        max = best;
        return bestIndex;
    }
}
