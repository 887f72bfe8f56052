using System.Security.Cryptography;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>
/// Recent results, keyed by the SHA-256 of the image bytes and the options that change the result, least
/// recently used first out, bounded by an estimate of the bytes the results hold. A phone that sends the
/// same photo twice (a retry after a dropped connection, say) gets the answer without a second run.
/// </summary>
public sealed class ResultCache
{
    /// <summary>64 MiB: tens of thousands of typical page results, a small part of even a 4 GB Jetson.</summary>
    public const long DefaultCapacityBytes = 64L * 1024 * 1024;

    private readonly long _capacity;
    private readonly Lock _lock = new();
    private readonly Dictionary<CacheKey, LinkedListNode<Entry>> _entries = [];
    // Most recently used first.
    private readonly LinkedList<Entry> _order = new();
    private long _size;

    /// <param name="capacityBytes">Upper bound on the estimated bytes held; 0 turns the cache off.</param>
    public ResultCache(long capacityBytes = DefaultCapacityBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacityBytes);
        _capacity = capacityBytes;
    }

    public long SizeBytes
    {
        get
        {
            lock (_lock)
            {
                return _size;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The key for an image and the options that change its result.</summary>
    public static CacheKey KeyOf(ReadOnlySpan<byte> image, RecognitionOptions options)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(image, hash);
        return new CacheKey(
            Convert.ToHexString(hash),
            options.Language,
            options.EffectiveSideLimit,
            options.EffectiveClassifier,
            options.UseLayoutAnalysis,
            options.DetectPageOrientation);
    }

    public bool TryGet(CacheKey key, out RecognizedPage? result)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                result = node.Value.Result;
                return true;
            }
        }
        result = null;
        return false;
    }

    public void Add(CacheKey key, RecognizedPage result)
    {
        long size = EstimateBytes(result);
        if (size > _capacity)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.Remove(key, out LinkedListNode<Entry>? existing))
            {
                _order.Remove(existing);
                _size -= existing.Value.Size;
            }
            _entries[key] = _order.AddFirst(new Entry(key, result, size));
            _size += size;
            while (_size > _capacity && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _size -= oldest.Value.Size;
            }
        }
    }

    /// <summary>Bytes a result keeps alive: its strings (UTF-16), boxes and object headers, roughly.</summary>
    internal static long EstimateBytes(RecognizedPage result)
    {
        long size = 256 + (2L * result.Text.Length);
        foreach (RecognizedLine line in result.Lines)
        {
            size += 160 + (2L * line.Text.Length);
        }
        return size;
    }

    private sealed record Entry(CacheKey Key, RecognizedPage Result, long Size);
}
