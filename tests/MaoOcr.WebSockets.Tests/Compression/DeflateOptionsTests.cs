namespace MaoOcr.WebSockets.Tests.Compression;

public sealed class DeflateOptionsTests
{
    [Fact]
    public void Defaults_are_the_sourced_ones()
    {
        var options = new DeflateOptions();

        Assert.True(options.Enabled);
        Assert.False(options.ServerNoContextTakeover);
        Assert.False(options.ClientNoContextTakeover);
        Assert.Equal(15, options.ServerMaxWindowBits);
        Assert.Equal(15, options.ClientMaxWindowBits);
        Assert.Equal(6, options.CompressionLevel);
        Assert.Equal(8, options.MemoryLevel);
        Assert.Equal(1024, options.CompressionThreshold);
    }

    [Theory]
    [InlineData(nameof(DeflateOptions.ServerMaxWindowBits), 8, 15)]
    [InlineData(nameof(DeflateOptions.ClientMaxWindowBits), 9, 15)]
    [InlineData(nameof(DeflateOptions.CompressionLevel), 1, 9)]
    [InlineData(nameof(DeflateOptions.MemoryLevel), 1, 9)]
    [InlineData(nameof(DeflateOptions.CompressionThreshold), 0, int.MaxValue)]
    public void Each_limit_takes_its_range_and_refuses_the_rest(string name, int min, int max)
    {
        var options = new DeflateOptions();
        Action<int> set = name switch
        {
            nameof(DeflateOptions.ServerMaxWindowBits) => v => options.ServerMaxWindowBits = v,
            nameof(DeflateOptions.ClientMaxWindowBits) => v => options.ClientMaxWindowBits = v,
            nameof(DeflateOptions.CompressionLevel) => v => options.CompressionLevel = v,
            nameof(DeflateOptions.MemoryLevel) => v => options.MemoryLevel = v,
            _ => v => options.CompressionThreshold = v,
        };

        set(min);
        set(max);
        var below = Assert.Throws<ArgumentOutOfRangeException>(() => set(min - 1));
        Assert.Equal(name, below.ParamName);
        if (max < int.MaxValue)
        {
            var above = Assert.Throws<ArgumentOutOfRangeException>(() => set(max + 1));
            Assert.Equal(name, above.ParamName);
        }
    }

    [Fact]
    public void A_refused_value_leaves_the_old_one()
    {
        var options = new DeflateOptions { ServerMaxWindowBits = 10 };

        Assert.Throws<ArgumentOutOfRangeException>(() => options.ServerMaxWindowBits = 16);

        Assert.Equal(10, options.ServerMaxWindowBits);
    }
}
