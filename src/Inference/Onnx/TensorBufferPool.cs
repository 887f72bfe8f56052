using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// Pinned float arrays in power-of-two buckets. A bounded number of arrays is kept per bucket so a burst
/// of large images does not pin memory for ever.
/// </summary>
public sealed class TensorBufferPool
{
    /// <summary>The shared pool used by the pipeline stages.</summary>
    public static readonly TensorBufferPool Shared = new();

    // 2^27 floats = 512 MiB: above any tensor the OCR models take (a 4096² RGB image is 2^25.6).
    private const int MaxBucket = 27;
    // Enough for every stage of a few concurrent requests on a small box.
    private const int ArraysKeptPerBucket = 8;
    // What the pool may keep pinned between requests: 128 MiB, a few requests' tensors at the 1280 side
    // limit, and little enough for a 4 GB Jetson. Arrays returned past it go to the GC.
    private const long MaxRetainedBytes = 128L * 1024 * 1024;

    private long _retainedBytes;

    private readonly ConcurrentQueue<float[]>[] _buckets = new ConcurrentQueue<float[]>[MaxBucket + 1];
    private readonly int[] _counts = new int[MaxBucket + 1];

    public TensorBufferPool()
    {
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i] = new ConcurrentQueue<float[]>();
        }
    }

    /// <summary>Rents a buffer of at least <paramref name="length"/> floats. Contents are not cleared.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is negative or above 2^27.</exception>
    public TensorBuffer Rent(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        int bucket = BucketOf(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucket, MaxBucket, nameof(length));
        if (_buckets[bucket].TryDequeue(out float[]? array))
        {
            Interlocked.Decrement(ref _counts[bucket]);
            Interlocked.Add(ref _retainedBytes, -(long)array.Length * sizeof(float));
        }
        else
        {
            array = GC.AllocateUninitializedArray<float>(1 << bucket, pinned: true);
        }
        return new TensorBuffer(this, array, length);
    }

    /// <summary>Bytes of arrays the pool keeps for reuse now.</summary>
    public long RetainedBytes => Interlocked.Read(ref _retainedBytes);

    /// <summary>
    /// Lets go of every kept array, so that the next collection can give their memory back; for an engine that has
    /// been idle a while (rented buffers are unaffected and come back as usual).
    /// </summary>
    public void Clear()
    {
        for (int bucket = 0; bucket < _buckets.Length; bucket++)
        {
            while (_buckets[bucket].TryDequeue(out float[]? array))
            {
                Interlocked.Decrement(ref _counts[bucket]);
                Interlocked.Add(ref _retainedBytes, -(long)array.Length * sizeof(float));
            }
        }
    }

    internal void Return(float[] array)
    {
        int bucket = BitOperations.Log2((uint)array.Length);
        Debug.Assert(1 << bucket == array.Length);
        long bytes = (long)array.Length * sizeof(float);
        if (Interlocked.Add(ref _retainedBytes, bytes) <= MaxRetainedBytes && Interlocked.Increment(ref _counts[bucket]) <= ArraysKeptPerBucket)
        {
            _buckets[bucket].Enqueue(array);
            return;
        }
        // Over a limit: undo what was counted and let the GC have the array.
        if (Volatile.Read(ref _counts[bucket]) > ArraysKeptPerBucket)
        {
            Interlocked.Decrement(ref _counts[bucket]);
        }
        Interlocked.Add(ref _retainedBytes, -bytes);
    }

    private static int BucketOf(int length) => length <= 1 ? 0 : BitOperations.Log2((uint)(length - 1)) + 1;
}
