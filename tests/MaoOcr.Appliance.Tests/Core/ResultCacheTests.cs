namespace MaoOcr.Appliance.Tests.Core;

public sealed class ResultCacheTests
{
    private static readonly byte[] s_image = [1, 2, 3, 4, 5];

    [Fact]
    public void Same_image_and_options_hit_and_other_options_miss()
    {
        var cache = new ResultCache();
        CacheKey key = ResultCache.KeyOf(s_image, RecognitionOptions.Default);
        RecognizedPage result = Result("hello");
        cache.Add(key, result);

        Assert.True(cache.TryGet(ResultCache.KeyOf([1, 2, 3, 4, 5], new RecognitionOptions()), out RecognizedPage? hit));
        Assert.Same(result, hit);
        Assert.False(cache.TryGet(ResultCache.KeyOf(s_image, new RecognitionOptions { Accuracy = RecognitionAccuracy.High }), out _));
        Assert.False(cache.TryGet(ResultCache.KeyOf(s_image, new RecognitionOptions { Language = RecognitionLanguage.English }), out _));
        Assert.False(cache.TryGet(ResultCache.KeyOf([1, 2, 3, 4, 6], RecognitionOptions.Default), out _));
    }

    [Fact]
    public void Least_recently_used_results_go_first_and_size_stays_bounded()
    {
        long one = ResultCache.EstimateBytes(Result("x"));
        var cache = new ResultCache(capacityBytes: (3 * one) + 10);
        CacheKey a = Key(1), b = Key(2), c = Key(3), d = Key(4);
        cache.Add(a, Result("x"));
        cache.Add(b, Result("x"));
        cache.Add(c, Result("x"));
        Assert.True(cache.TryGet(a, out _)); // a is now the most recent; b the oldest
        cache.Add(d, Result("x"));

        Assert.False(cache.TryGet(b, out _));
        Assert.True(cache.TryGet(a, out _));
        Assert.True(cache.TryGet(c, out _));
        Assert.True(cache.TryGet(d, out _));
        Assert.Equal(3, cache.Count);
        Assert.True(cache.SizeBytes <= (3 * one) + 10);
    }

    [Fact]
    public void A_result_larger_than_the_cache_is_not_kept_and_zero_capacity_keeps_nothing()
    {
        var small = new ResultCache(capacityBytes: 100);
        small.Add(Key(1), Result(new string('x', 1000)));
        Assert.Equal(0, small.Count);

        var off = new ResultCache(capacityBytes: 0);
        off.Add(Key(1), Result("x"));
        Assert.False(off.TryGet(Key(1), out _));
    }

    [Fact]
    public void Adding_the_same_key_again_replaces_without_double_counting()
    {
        var cache = new ResultCache();
        cache.Add(Key(1), Result("first"));
        long size = cache.SizeBytes;
        cache.Add(Key(1), Result("other"));
        Assert.Equal(size, cache.SizeBytes);
        Assert.True(cache.TryGet(Key(1), out RecognizedPage? result));
        Assert.Equal("other", result!.Text);
    }

    private static CacheKey Key(byte b) => ResultCache.KeyOf([b], RecognitionOptions.Default);

    private static RecognizedPage Result(string text)
        => new([new RecognizedLine(text, 0.9f, [new ImagePoint(0, 0), new ImagePoint(1, 0), new ImagePoint(1, 1), new ImagePoint(0, 1)])], text, 10, 10, new StageTimings(0, 0, 0, 0, 0, 0));
}
