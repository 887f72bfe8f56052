using MaoOcr.Fuzz.Targets;

namespace MaoOcr.Fuzz.Tests;

/// <summary>
/// The fuzz targets in the test suite: what libFuzzer runs for minutes (benchmarks/Fuzz/run.sh), run here briefly and
/// deterministically. Each target's contract must hold on its seeds, on every saved crash input, and on a few thousand
/// seeded mutations of the seeds. A failure prints the input, to be saved under benchmarks/Fuzz/regressions/TARGET.
/// </summary>
public sealed class FuzzSmokeTests
{
    /// <summary>Mutated inputs per target: a fraction of a second each, yet every branch the seeds nearly reach gets tried.</summary>
    private const int Mutations = 4000;

    /// <summary>As the run script's -max_len for the larger targets; mutations beyond it add time and no new paths.</summary>
    private const int MaxInputLength = 4096;

    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_target_has_seeds(string name) =>
        Assert.NotEmpty(FuzzInputs.Seeds(name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_and_saved_crash_inputs_keep_the_contract(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        foreach ((string file, byte[] bytes) in FuzzInputs.Seeds(name).Concat(FuzzInputs.Regressions(name)))
        {
            RunOne(target, bytes, file);
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeded_mutations_keep_the_contract(string name)
    {
        IFuzzTarget target = FuzzTargets.Find(name)!;
        byte[][] seeds = [.. FuzzInputs.Seeds(name).Select(s => s.Bytes)];
        // The seed is the name's length and first letters: fixed per target, different across targets.
        var mutator = new SeededMutator(name.Length * 31 + name[0] * 7 + name[^1], seeds, FuzzInputs.Dictionary(name), MaxInputLength);
        for (int i = 0; i < Mutations; i++)
        {
            RunOne(target, mutator.Next(), $"mutation {i}");
        }
    }

    private static void RunOne(IFuzzTarget target, byte[] input, string what)
    {
        try
        {
            target.Run(input);
        }
        catch (Exception e)
        {
            Assert.Fail($"{target.Name}, {what}: {e}\ninput ({input.Length} bytes, hex): {Convert.ToHexString(input)}");
        }
    }
}
