using MaoOcr.Inference.Recognition;

namespace MaoOcr.Inference.Tests.Recognition;

public sealed class ArgMaxTests
{
    [Fact]
    public void Random_vectors_of_odd_lengths_match_a_naive_loop()
    {
        var random = new Random(42);
        int[] lengths = [1, 3, 7, 15, 17, 31, 33, 63, 65, 127, 129, 6625];
        foreach (int length in lengths)
        {
            for (int round = 0; round < 50; round++)
            {
                float[] values = new float[length];
                for (int i = 0; i < length; i++)
                {
                    values[i] = (random.NextSingle() * 20) - 10;
                }

                AssertMatchesNaive(values);
            }
        }
    }

    [Fact]
    public void Ties_return_the_first_index()
    {
        var random = new Random(7);
        for (int round = 0; round < 2000; round++)
        {
            // Few distinct values, so the maximum appears several times, in the vector part and the tail.
            int length = (2 * random.Next(0, 60)) + 1;
            float[] values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = random.Next(-3, 4);
            }

            AssertMatchesNaive(values);
        }
    }

    [Fact]
    public void Maximum_in_the_scalar_tail_is_found()
    {
        float[] values = new float[67];
        values[66] = 1;
        values[3] = 0.5f;

        Assert.Equal(66, ArgMax.Of(values, out float max));
        Assert.Equal(1f, max);
    }

    [Fact]
    public void Empty_input_gives_minus_one()
    {
        Assert.Equal(-1, ArgMax.Of([], out float max));
        Assert.True(float.IsNaN(max));
    }

    [Fact]
    public void Subset_picks_the_best_listed_class_and_the_first_on_ties()
    {
        var random = new Random(99);
        for (int round = 0; round < 500; round++)
        {
            int length = random.Next(2, 50);
            float[] values = new float[length];
            for (int i = 0; i < length; i++)
            {
                values[i] = random.Next(0, 5);
            }
            int[] classes = Enumerable.Range(0, length).Where(_ => random.Next(3) > 0).ToArray();
            if (classes.Length == 0)
            {
                classes = [length - 1];
            }

            int index = ArgMax.OfSubset(values, classes, out float max);

            int expected = classes[0];
            foreach (int c in classes)
            {
                if (values[c] > values[expected])
                {
                    expected = c;
                }
            }
            Assert.Equal(expected, index);
            Assert.Equal(values[expected], max);
        }
    }

    private static void AssertMatchesNaive(float[] values)
    {
        int expected = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[expected])
            {
                expected = i;
            }
        }

        int actual = ArgMax.Of(values, out float max);

        Assert.Equal(expected, actual);
        Assert.Equal(values[expected], max);
    }
}
