namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>
/// Each Autobahn-style case through the receive harness: whole, one byte per read (for streams up to 4 KiB), and in
/// seeded random reads. The events must match, and a failing case must fail in the read that brings its decisive
/// byte: no earlier, because everything before it is valid, and no later (fail fast).
/// </summary>
public sealed class AutobahnFramingTests
{
    private const int Seeds = 12;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (string name in AutobahnCases.All.Keys)
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_InEveryFeeding(string name)
    {
        AutobahnCase testCase = AutobahnCases.All[name];
        byte[] stream = testCase.Stream;
        Check(testCase, [stream]);
        if (stream.Length <= 4096)
        {
            Check(testCase, Enumerable.Range(0, stream.Length).Select(i => (ReadOnlyMemory<byte>)stream.AsMemory(i, 1)).ToList());
        }
        var random = new Random(name.Length * 7919 + stream.Length);
        for (int seed = 0; seed < Seeds; seed++)
        {
            Check(testCase, SegmentedSequence.RandomPieces(stream, random, maxPieces: Math.Max(2, Math.Min(stream.Length, 64))));
        }
    }

    private static void Check(AutobahnCase testCase, List<ReadOnlyMemory<byte>> pieces)
    {
        var harness = new ReceiveHarness(testCase.Limits);
        harness.Run(pieces);
        Assert.Equal(testCase.Expected, harness.Events);
        if (testCase.DecisiveByte >= 0)
        {
            int start = 0;
            int expectedPiece = -1;
            for (int i = 0; i < pieces.Count; i++)
            {
                if (testCase.DecisiveByte >= start && testCase.DecisiveByte < start + pieces[i].Length)
                {
                    expectedPiece = i;
                    break;
                }
                start += pieces[i].Length;
            }
            Assert.Equal(expectedPiece, harness.FailedAtPiece);
        }
        else
        {
            Assert.Equal(-1, harness.FailedAtPiece);
        }
    }
}
