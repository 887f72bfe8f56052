namespace MaoOcr.Client.Tests;

/// <summary>The reconnect schedule as numbers: no clock involved.</summary>
public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan s_base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(30);

    [Fact]
    public void Nominal_schedule_doubles_from_one_second_and_stops_at_thirty()
    {
        double[] seconds = [.. Enumerable.Range(1, 8).Select(a => ReconnectBackoff.NominalDelay(a, s_base, s_max).TotalSeconds)];

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], seconds);
        Assert.Equal(s_max, ReconnectBackoff.NominalDelay(1000, s_base, s_max));
    }

    [Fact]
    public void Jittered_delays_stay_within_twenty_percent_and_never_exceed_the_maximum()
    {
        var random = new Random(4711);
        for (int attempt = 1; attempt <= 7; attempt++)
        {
            TimeSpan nominal = ReconnectBackoff.NominalDelay(attempt, s_base, s_max);
            var delays = new List<TimeSpan>();
            for (int i = 0; i < 500; i++)
            {
                TimeSpan delay = ReconnectBackoff.Delay(attempt, s_base, s_max, 0.2, random.NextDouble());
                Assert.InRange(delay, nominal * 0.8, nominal * 1.2);
                Assert.True(delay <= s_max, $"attempt {attempt}: {delay} is over the maximum");
                delays.Add(delay);
            }
            // Spread, not lockstep: the samples cover most of the allowed band below the nominal delay.
            Assert.True(delays.Min() < nominal * 0.85, $"attempt {attempt}: shortest {delays.Min()}");
            Assert.True(delays.Distinct().Count() > 100, $"attempt {attempt}: too few distinct delays");
            if (nominal < s_max)
            {
                Assert.True(delays.Max() > nominal * 1.15, $"attempt {attempt}: longest {delays.Max()}");
            }
        }
    }

    [Fact]
    public void Band_edges_come_from_the_random_number_and_no_jitter_gives_the_nominal_delay()
    {
        Assert.Equal(TimeSpan.FromSeconds(3.2), ReconnectBackoff.Delay(3, s_base, s_max, 0.2, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(4.8), ReconnectBackoff.Delay(3, s_base, s_max, 0.2, 1.0));
        Assert.Equal(TimeSpan.FromSeconds(4), ReconnectBackoff.Delay(3, s_base, s_max, 0.0, 0.9));
        Assert.Equal(s_max, ReconnectBackoff.Delay(6, s_base, s_max, 0.2, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Delay(0, s_base, s_max, 0.2, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Delay(1, s_base, s_max, 0.2, 1.5));
    }

    [Fact]
    public void Options_default_to_the_protocol_schedule_and_refuse_bad_values()
    {
        var options = new MaoOcrClientOptions { Server = new Uri("ws://box:8080") };

        Assert.Equal(TimeSpan.FromSeconds(1), options.ReconnectBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.ReconnectMaxDelay);
        Assert.Equal(5, options.MaxReconnectAttempts);
        Assert.Equal(0.2, options.ReconnectJitter);
        Assert.Equal(TimeSpan.FromSeconds(30), options.HeartbeatInterval);
        Assert.Equal(options.HeartbeatInterval, options.PongTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), new MaoOcrClientOptions { Server = options.Server, HeartbeatInterval = TimeSpan.FromSeconds(5) }.PongTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaoOcrClientOptions { Server = options.Server, ReconnectBaseDelay = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaoOcrClientOptions { Server = options.Server, MaxReconnectAttempts = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaoOcrClientOptions { Server = options.Server, ReconnectJitter = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaoOcrClientOptions { Server = options.Server, HeartbeatInterval = TimeSpan.FromSeconds(-3) });
    }

    [Theory]
    [InlineData("ws://box:8080", "ws://box:8080/ws/ocr")]
    [InlineData("ws://box:8080/", "ws://box:8080/ws/ocr")]
    [InlineData("http://box:8080", "ws://box:8080/ws/ocr")]
    [InlineData("https://box", "wss://box/ws/ocr")]
    [InlineData("wss://box:8443/custom/path", "wss://box:8443/custom/path")]
    public void Server_address_becomes_the_endpoint(string server, string endpoint)
    {
        var client = new MaoOcrClient(new MaoOcrClientOptions { Server = new Uri(server) });

        Assert.Equal(new Uri(endpoint), client.Endpoint);
    }

    [Fact]
    public void Server_address_with_another_scheme_is_refused()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new MaoOcrClient(new MaoOcrClientOptions { Server = new Uri("ftp://box:8080") }));
        Assert.Contains("ftp://box:8080", e.Message, StringComparison.Ordinal);
    }
}
