using MaoOcr.Inference.Recognition;

namespace MaoOcr.Inference.Tests.Recognition;

public sealed class CtcDecoderTests
{
    // Classes: 0 blank, 1 'a', 2 'b', 3 'l', 4 '中', 5 space.
    private const int Blank = 0, A = 1, B = 2, L = 3, Zhong = 4, Space = 5;
    private const int Classes = 6;

    private static readonly CharacterDictionary s_dictionary = new(["a", "b", "l", "中"]);

    [Fact]
    public void Blanks_are_dropped()
    {
        DecodedText d = Decode((Blank, 0.9f), (A, 0.8f), (Blank, 0.9f), (B, 0.6f), (Blank, 0.95f));

        Assert.Equal("ab", d.Text);
        Assert.Equal((0.8f + 0.6f) / 2, d.Confidence, 1e-6f);
    }

    [Fact]
    public void Repeats_are_merged_and_keep_the_first_steps_probability()
    {
        DecodedText d = Decode((A, 0.9f), (A, 0.7f), (A, 0.8f), (B, 0.6f), (B, 0.99f));

        Assert.Equal("ab", d.Text);
        Assert.Equal((0.9f + 0.6f) / 2, d.Confidence, 1e-6f);
    }

    [Fact]
    public void A_repeat_separated_by_a_blank_is_kept()
    {
        DecodedText d = Decode((A, 0.9f), (L, 0.8f), (L, 0.7f), (Blank, 0.9f), (L, 0.6f), (B, 0.9f));

        Assert.Equal("allb", d.Text);
        Assert.Equal((0.9f + 0.8f + 0.6f + 0.9f) / 4, d.Confidence, 1e-6f);
    }

    [Fact]
    public void Space_class_decodes_to_a_space()
    {
        DecodedText d = Decode((A, 0.9f), (Space, 0.8f), (B, 0.7f));

        Assert.Equal("a b", d.Text);
    }

    [Fact]
    public void No_timesteps_decode_to_empty_text_with_zero_confidence()
    {
        DecodedText d = CtcDecoder.Decode([], Classes, s_dictionary);

        Assert.Equal(string.Empty, d.Text);
        Assert.Equal(0f, d.Confidence);
    }

    [Fact]
    public void Only_blanks_decode_to_empty_text_with_zero_confidence()
    {
        DecodedText d = Decode((Blank, 0.99f), (Blank, 0.98f), (Blank, 0.97f));

        Assert.Equal(string.Empty, d.Text);
        Assert.Equal(0f, d.Confidence);
    }

    [Fact]
    public void Latin_restriction_skips_a_more_probable_chinese_class()
    {
        float[] probabilities = new float[Classes];
        probabilities[Zhong] = 0.6f;
        probabilities[B] = 0.3f;
        probabilities[A] = 0.1f;

        DecodedText unrestricted = CtcDecoder.Decode(probabilities, Classes, s_dictionary);
        DecodedText latin = CtcDecoder.Decode(probabilities, Classes, s_dictionary, s_dictionary.LatinClasses);

        Assert.Equal("中", unrestricted.Text);
        Assert.Equal(0.6f, unrestricted.Confidence, 1e-6f);
        Assert.Equal("b", latin.Text);
        Assert.Equal(0.3f, latin.Confidence, 1e-6f);
    }

    [Fact]
    public void Latin_restriction_still_lets_blank_win()
    {
        float[] probabilities = new float[Classes * 2];
        probabilities[Blank] = 0.5f;
        probabilities[Zhong] = 0.4f;
        probabilities[A] = 0.1f;
        probabilities[Classes + A] = 0.7f;
        probabilities[Classes + Zhong] = 0.3f;

        DecodedText latin = CtcDecoder.Decode(probabilities, Classes, s_dictionary, s_dictionary.LatinClasses);

        Assert.Equal("a", latin.Text);
        Assert.Equal(0.7f, latin.Confidence, 1e-6f);
    }

    [Fact]
    public void Random_sequences_match_a_reference_decoder()
    {
        var random = new Random(1234);
        for (int round = 0; round < 200; round++)
        {
            int steps = random.Next(0, 40);
            float[] probabilities = new float[steps * Classes];
            for (int i = 0; i < probabilities.Length; i++)
            {
                probabilities[i] = random.NextSingle();
            }

            DecodedText actual = CtcDecoder.Decode(probabilities, Classes, s_dictionary);

            (string text, float confidence) = ReferenceDecode(probabilities);
            Assert.Equal(text, actual.Text);
            Assert.Equal(confidence, actual.Confidence, 1e-5f);
        }
    }

    private static DecodedText Decode(params (int Class, float P)[] steps)
    {
        // Each step puts P on its class and spreads the rest evenly, so with P ≥ 0.5 the class is the step's best.
        float[] probabilities = new float[steps.Length * Classes];
        for (int t = 0; t < steps.Length; t++)
        {
            float rest = (1 - steps[t].P) / (Classes - 1);
            for (int c = 0; c < Classes; c++)
            {
                probabilities[(t * Classes) + c] = c == steps[t].Class ? steps[t].P : rest;
            }
        }
        return CtcDecoder.Decode(probabilities, Classes, s_dictionary);
    }

    /// <summary>PaddleOCR's CTCLabelDecode written the slow, obvious way.</summary>
    private static (string Text, float Confidence) ReferenceDecode(float[] probabilities)
    {
        int steps = probabilities.Length / Classes;
        int[] best = new int[steps];
        for (int t = 0; t < steps; t++)
        {
            for (int c = 1; c < Classes; c++)
            {
                if (probabilities[(t * Classes) + c] > probabilities[(t * Classes) + best[t]])
                {
                    best[t] = c;
                }
            }
        }
        string text = string.Empty;
        var kept = new List<float>();
        for (int t = 0; t < steps; t++)
        {
            bool repeat = t > 0 && best[t] == best[t - 1];
            if (best[t] != Blank && !repeat)
            {
                text += s_dictionary[best[t]];
                kept.Add(probabilities[(t * Classes) + best[t]]);
            }
        }
        return (text, kept.Count == 0 ? 0f : kept.Average());
    }
}
