using Microsoft.Extensions.Time.Testing;

namespace MaoOcr.Client.Tests.Support;

internal static class Sdk
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The appliance's address as a user gives it: ws://HOST:PORT, no path.</summary>
    public static Uri ServerUri(RunningAppliance appliance) => new($"ws://{appliance.Address.Authority}");

    public static async Task<MaoOcrClient> ConnectAsync(RunningAppliance appliance, TimeProvider? time = null, string? token = null)
    {
        var client = new MaoOcrClient(new MaoOcrClientOptions
        {
            Server = ServerUri(appliance),
            ApiToken = token,
            TimeProvider = time ?? TimeProvider.System,
        });
        await client.ConnectAsync().WaitAsync(Patience);
        return client;
    }

    /// <summary>
    /// Moves fake time forward in small steps until <paramref name="done"/> holds, yielding real time between steps so the
    /// client's continuations run. Bounded by a step count, so a broken client fails the test instead of hanging it.
    /// </summary>
    public static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan step, int maxSteps = 2000)
    {
        for (int i = 0; i < maxSteps && !done(); i++)
        {
            time.Advance(step);
            await Task.Delay(5);
        }
        Assert.True(done(), "The condition did not hold after advancing the fake clock.");
    }
}
