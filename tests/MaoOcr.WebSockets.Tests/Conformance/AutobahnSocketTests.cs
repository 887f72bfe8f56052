using System.Buffers.Binary;
using System.Text;
using MaoOcr.WebSockets.Tests.Framing;

namespace MaoOcr.WebSockets.Tests.Conformance;

/// <summary>
/// Every Autobahn-group case of <see cref="AutobahnCases"/> (groups 1–7, 9 and 10), now over a real TCP connection to
/// Kestrel running our layer with the echo handler. The client sends the case's bytes in seeded random pieces and
/// checks what the server sends back: each message echoed, each ping answered by a pong with its payload, the close
/// echoed, and a refused case closed with its status code. A refused case sends only the bytes up to its decisive
/// byte, so the server must fail fast, without the rest of the stream; every case ends with the server ending TCP.
/// </summary>
public sealed class AutobahnSocketTests : IClassFixture<EchoServerPool>
{
    private readonly EchoServerPool _servers;

    public AutobahnSocketTests(EchoServerPool servers) => _servers = servers;

    public static TheoryData<string> CaseNames() => AutobahnFramingTests.CaseNames();

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Case_OverTheSocket(string name)
    {
        AutobahnCase testCase = AutobahnCases.All[name];
        EchoServer server = await _servers.GetAsync(testCase.Limits);
        // A stable seed per case (string hashes are randomized per process), so that a failing cut reproduces.
        int seed = StableSeed(name);
        await using RawWebSocketClient client = await RawWebSocketClient.ConnectAsync(server, seed);

        bool fails = testCase.DecisiveByte >= 0;
        byte[] stream = fails ? testCase.Stream[..(testCase.DecisiveByte + 1)] : testCase.Stream;
        await client.Frames.SendRawAsync(stream, maxPieces: Math.Clamp(stream.Length, 2, 64));

        List<string> expected = ExpectedFromServer(testCase.Expected);
        bool closes = expected.Count > 0 && expected[^1].StartsWith("close:", StringComparison.Ordinal);
        var seen = new List<string>();
        for (int i = 0; i < expected.Count; i++)
        {
            seen.Add(await ReadEventAsync(client.Frames));
        }
        Assert.Equal(expected, seen);
        if (!closes)
        {
            // The case left the connection open: it must still be usable, and close cleanly.
            await client.Frames.SendCloseAsync(CloseStatusCodes.NormalClosure);
            Assert.Equal(CloseStatusCodes.NormalClosure, await client.Frames.ReadCloseAsync());
        }
        Assert.True(await client.ServerEndedConnectionAsync(), "The server sent more after its close frame.");
    }

    /// <summary>FNV-1a of the case name's UTF-16 code units.</summary>
    private static int StableSeed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = (hash ^ c) * 16777619;
        }
        return (int)(hash & 0x7FFF_FFFF);
    }

    /// <summary>The case's events as the server's frames show them: pongs are never answered, a failure is a close.</summary>
    private static List<string> ExpectedFromServer(string[] events)
    {
        var expected = new List<string>();
        foreach (string e in events)
        {
            if (e.StartsWith("pong:", StringComparison.Ordinal))
            {
                continue;
            }
            if (e.StartsWith("close:", StringComparison.Ordinal) || e.StartsWith("fail:", StringComparison.Ordinal))
            {
                // "close:code:reason" is echoed with the code only; "fail:status:reason" is a close with the status.
                expected.Add("close:" + e.Split(':')[1]);
                continue;
            }
            expected.Add(e);
        }
        return expected;
    }

    /// <summary>The server's next frame or message, in the notation of <see cref="ReceiveHarness"/>.</summary>
    private static async Task<string> ReadEventAsync(TestClient client)
    {
        ServerFrame? frame = await client.ReadFrameAsync();
        Assert.NotNull(frame);
        switch (frame.Opcode)
        {
            case WebSocketOpcode.Pong:
                return "ping:" + Convert.ToHexString(frame.Payload);
            case WebSocketOpcode.Close:
                // §5.5.1: a close without a status is answered with an empty one, which reads as 1005.
                return "close:" + (frame.Payload.Length == 0 ? CloseStatusCodes.NoStatusReceived : BinaryPrimitives.ReadUInt16BigEndian(frame.Payload));
            case WebSocketOpcode.Text or WebSocketOpcode.Binary:
                var payload = new List<byte>(frame.Payload);
                ServerFrame next = frame;
                while (!next.Fin)
                {
                    next = (await client.ReadFrameAsync())!;
                    Assert.Equal(WebSocketOpcode.Continuation, next.Opcode);
                    payload.AddRange(next.Payload);
                }
                Assert.False(frame.Rsv1, "Nothing was negotiated, so nothing may be compressed.");
                return frame.Opcode == WebSocketOpcode.Text
                    ? ReceiveHarness.Text(Encoding.UTF8.GetString([.. payload]))
                    : ReceiveHarness.Binary([.. payload]);
            default:
                Assert.Fail($"The server sent a {frame.Opcode} frame.");
                return "";
        }
    }
}
