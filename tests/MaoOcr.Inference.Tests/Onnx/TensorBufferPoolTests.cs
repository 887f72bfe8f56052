using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Tests.Onnx;

public sealed class TensorBufferPoolTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(1000, 1024)]
    [InlineData(1024, 1024)]
    [InlineData(1025, 2048)]
    [InlineData(3 * 48 * 320, 65536)]
    public void Rented_buffer_has_the_requested_length_over_a_power_of_two_array(int length, int arrayLength)
    {
        var pool = new TensorBufferPool();

        using TensorBuffer buffer = pool.Rent(length);

        Assert.Equal(length, buffer.Length);
        Assert.Equal(length, buffer.Span.Length);
        Assert.Equal(arrayLength, buffer.Array.Length);
    }

    [Fact]
    public void Clear_lets_go_of_kept_arrays_and_the_next_rent_is_a_new_one()
    {
        var pool = new TensorBufferPool();
        float[] kept;
        using (TensorBuffer buffer = pool.Rent(1000))
        {
            kept = buffer.Array;
        }
        Assert.Equal(1024 * sizeof(float), pool.RetainedBytes);

        pool.Clear();

        Assert.Equal(0, pool.RetainedBytes);
        using TensorBuffer again = pool.Rent(1000);
        Assert.NotSame(kept, again.Array);
    }

    [Fact]
    public void Arrays_live_on_the_pinned_heap()
    {
        var pool = new TensorBufferPool();

        using TensorBuffer buffer = pool.Rent(16);

        // A new small array on the ordinary heap would be in generation 0; pinned-heap arrays report the oldest generation.
        Assert.Equal(GC.MaxGeneration, GC.GetGeneration(buffer.Array));
    }

    [Fact]
    public void Returned_array_is_rented_again()
    {
        var pool = new TensorBufferPool();
        float[] first;
        using (TensorBuffer buffer = pool.Rent(500))
        {
            first = buffer.Array;
        }

        using TensorBuffer again = pool.Rent(300);
        using TensorBuffer other = pool.Rent(300);

        Assert.Same(first, again.Array);
        Assert.NotSame(first, other.Array);
    }

    [Fact]
    public void Buffers_of_another_bucket_are_not_mixed()
    {
        var pool = new TensorBufferPool();
        float[] small;
        using (TensorBuffer buffer = pool.Rent(100))
        {
            small = buffer.Array;
        }

        using TensorBuffer large = pool.Rent(1000);

        Assert.NotSame(small, large.Array);
        Assert.Equal(1024, large.Array.Length);
    }

    [Fact]
    public void At_most_eight_arrays_per_bucket_are_kept()
    {
        var pool = new TensorBufferPool();
        TensorBuffer[] rented = Enumerable.Range(0, 10).Select(_ => pool.Rent(64)).ToArray();
        var returned = rented.Select(b => b.Array).ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (TensorBuffer buffer in rented)
        {
            buffer.Dispose();
        }

        TensorBuffer[] again = Enumerable.Range(0, 10).Select(_ => pool.Rent(64)).ToArray();

        Assert.Equal(8, again.Count(b => returned.Contains(b.Array)));
        Assert.Equal(10, again.Select(b => b.Array).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Negative_and_oversized_lengths_are_refused()
    {
        var pool = new TensorBufferPool();

        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent((1 << 27) + 1));
    }

    [Fact]
    public void Default_buffer_disposes_without_a_pool()
    {
        TensorBuffer buffer = default;

        Exception? e = Record.Exception(buffer.Dispose);

        Assert.Null(e);
    }
}
