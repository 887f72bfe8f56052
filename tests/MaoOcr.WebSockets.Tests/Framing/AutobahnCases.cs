using System.Buffers.Binary;
using System.Text;

namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>One conformance case: the client's bytes, what the server should see, and where it must fail.</summary>
/// <param name="Stream">Every frame the client sends, masked, back to back.</param>
/// <param name="Expected">The events of <see cref="ReceiveHarness"/>, a <c>fail:</c> last when the server must fail.</param>
/// <param name="DecisiveByte">For a failing case, the stream index of the byte with which the server can and must decide.</param>
/// <param name="Limits">The limits to run under.</param>
internal sealed record AutobahnCase(byte[] Stream, string[] Expected, int DecisiveByte, WebSocketLimits Limits);

/// <summary>
/// Our own cases for the framing side of Autobahn|Testsuite groups 1–7, 9 and 10, named by the Autobahn case they
/// follow. The bytes are built from the RFC layout, so they test the framing pieces, not their own writer.
/// </summary>
internal static class AutobahnCases
{
    private const string Kosme = "CEBAE1BDB9CF83CEBCCEB5";

    public static IReadOnlyDictionary<string, AutobahnCase> All { get; } = Build();

    private static Dictionary<string, AutobahnCase> Build()
    {
        var cases = new Dictionary<string, AutobahnCase>();
        var random = new Random(6455);
        byte[] Bytes(int length) => TestFrames.RandomBytes(random, length);
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        string Star(int n) => new('*', n);

        // 1.1.x / 1.2.x: text and binary messages of every length boundary.
        int[] lengths = [0, 125, 126, 127, 128, 65_535, 65_536];
        for (int i = 0; i < lengths.Length; i++)
        {
            cases[$"1.1.{i + 1} text {lengths[i]}"] = new Builder(random).Frame(0x1, Utf8(Star(lengths[i]))).Expect(ReceiveHarness.Text(Star(lengths[i])));
            byte[] binary = Bytes(lengths[i]);
            cases[$"1.2.{i + 1} binary {lengths[i]}"] = new Builder(random).Frame(0x2, binary).Expect(ReceiveHarness.Binary(binary));
        }

        // 2.x: pings and pongs.
        cases["2.1 ping empty"] = new Builder(random).Frame(0x9, []).Expect("ping:");
        cases["2.2 ping text"] = new Builder(random).Frame(0x9, Utf8("Hello, world!")).Expect("ping:" + Convert.ToHexString(Utf8("Hello, world!")));
        cases["2.3 ping binary"] = new Builder(random).Frame(0x9, TestFrames.Hex("00FFFEFDFCFB00FF")).Expect("ping:00FFFEFDFCFB00FF");
        byte[] ping125 = Bytes(125);
        cases["2.4 ping 125"] = new Builder(random).Frame(0x9, ping125).Expect("ping:" + Convert.ToHexString(ping125));
        var b = new Builder(random);
        cases["2.5 ping 126"] = b.Frame(0x9, Bytes(126)).Fail(1, FrameErrorReason.ControlFrameTooLong);
        cases["2.7 unsolicited pong empty"] = new Builder(random).Frame(0xA, []).Expect("pong:");
        b = new Builder(random).Frame(0xA, Utf8("unsolicited pong payload")).Frame(0x9, Utf8("ping payload"));
        cases["2.9 pong then ping"] = b.Expect("pong:" + Convert.ToHexString(Utf8("unsolicited pong payload")), "ping:" + Convert.ToHexString(Utf8("ping payload")));
        b = new Builder(random);
        for (int i = 0; i < 10; i++)
        {
            b.Frame(0x9, Utf8("payload-" + i));
        }
        cases["2.10 ten pings"] = b.Expect(Enumerable.Range(0, 10).Select(i => "ping:" + Convert.ToHexString(Utf8("payload-" + i))).ToArray());

        // 3.x: reserved bits, with no extension negotiated (Autobahn numbers RSV as a 3-bit value, 4 = RSV1).
        for (int rsv = 1; rsv <= 7; rsv++)
        {
            b = new Builder(random).Frame(0x1, Utf8("Hello, world!"));
            int start = b.Offset;
            int opcode = rsv switch { 6 => 0x9, 7 => 0x8, 5 => 0x2, _ => 0x1 };
            b.Frame(opcode, Utf8("Hello, world!"), rsv: rsv).Frame(0x9, Utf8("ping"));
            cases[$"3.{rsv} rsv {rsv} on opcode {opcode}"] = b.Fail(start, FrameErrorReason.ReservedBitSet, ReceiveHarness.Text("Hello, world!"));
        }

        // 4.x: reserved opcodes, alone and after a valid message.
        foreach (int opcode in new[] { 3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF })
        {
            b = new Builder(random).Frame(0x1, Utf8("Hello, world!"));
            int start = b.Offset;
            b.Frame(opcode, Utf8("reserved")).Frame(0x9, []);
            cases[$"4.x reserved opcode {opcode}"] = b.Fail(start, FrameErrorReason.ReservedOpcode, ReceiveHarness.Text("Hello, world!"));
        }

        // 5.x: fragmentation.
        cases["5.1 fragmented ping"] = new Builder(random).Frame(0x9, Utf8("fragment1"), fin: false).Frame(0x0, Utf8("fragment2"))
            .Fail(0, FrameErrorReason.FragmentedControlFrame);
        cases["5.2 fragmented pong"] = new Builder(random).Frame(0xA, Utf8("fragment1"), fin: false).Frame(0x0, Utf8("fragment2"))
            .Fail(0, FrameErrorReason.FragmentedControlFrame);
        cases["5.3 text in two fragments"] = new Builder(random).Frame(0x1, Utf8("fragment1"), fin: false).Frame(0x0, Utf8("fragment2"))
            .Expect(ReceiveHarness.Text("fragment1fragment2"));
        cases["5.6 ping between fragments"] = new Builder(random).Frame(0x1, Utf8("fragment1"), fin: false).Frame(0x9, Utf8("ping"))
            .Frame(0x0, Utf8("fragment2")).Expect("ping:" + Convert.ToHexString(Utf8("ping")), ReceiveHarness.Text("fragment1fragment2"));
        b = new Builder(random).Frame(0x0, Utf8("non-continuation payload"));
        cases["5.9 continuation with nothing to continue, FIN"] = b.Frame(0x1, Utf8("Hello, world!")).Fail(b.HeaderEnd(0), FrameErrorReason.UnexpectedContinuation);
        b = new Builder(random).Frame(0x0, Utf8("non-continuation payload"), fin: false);
        cases["5.12 continuation with nothing to continue, no FIN"] = b.Frame(0x1, Utf8("Hello, world!")).Fail(b.HeaderEnd(0), FrameErrorReason.UnexpectedContinuation);
        b = new Builder(random).Frame(0x1, Utf8("fragment1"), fin: false).Frame(0x0, Utf8("fragment2"));
        int fragment3 = b.FrameCount;
        b.Frame(0x0, Utf8("fragment3"), fin: false).Frame(0x1, Utf8("fragment4"));
        cases["5.15 continuation after a complete message"] = b.Fail(b.HeaderEnd(fragment3), FrameErrorReason.UnexpectedContinuation, ReceiveHarness.Text("fragment1fragment2"));
        b = new Builder(random).Frame(0x1, Utf8("fragment1"), fin: false).Frame(0x1, Utf8("fragment2"));
        cases["5.18 two text frames, both opcode text"] = b.Fail(b.HeaderEnd(1), FrameErrorReason.ExpectedContinuation);
        b = new Builder(random);
        var expected519 = new List<string>();
        for (int i = 1; i <= 5; i++)
        {
            b.Frame(i == 1 ? 0x1 : 0x0, Utf8("fragment" + i), fin: i == 5);
            if (i is 2 or 4)
            {
                b.Frame(0x9, Utf8("pongme " + i));
                expected519.Add("ping:" + Convert.ToHexString(Utf8("pongme " + i)));
            }
        }
        expected519.Add(ReceiveHarness.Text("fragment1fragment2fragment3fragment4fragment5"));
        cases["5.19 five fragments with pings between"] = b.Expect([.. expected519]);

        // 6.x: UTF-8, each of Kuhn's vectors whole in one frame, and spread one byte per fragment.
        foreach ((string section, string hex, bool valid) in Utf8Vectors.All)
        {
            byte[] text = TestFrames.Hex(hex);
            cases[$"6.x whole: {section}"] = Utf8Case(new Builder(random).Frame(0x1, text), text, valid, k => 6 + k);
            b = new Builder(random);
            for (int i = 0; i < text.Length; i++)
            {
                b.Frame(i == 0 ? 0x1 : 0x0, text.AsSpan(i, 1).ToArray(), fin: i == text.Length - 1);
            }
            if (text.Length > 0)
            {
                cases[$"6.x bytewise: {section}"] = Utf8Case(b, text, valid, k => 7 * k + 6);
            }
        }
        // 6.4.1-6.4.4: the frame holding the bad byte must fail, whatever follows.
        b = new Builder(random).Frame(0x1, TestFrames.Hex(Kosme), fin: false);
        int badFrame = b.Offset;
        b.Frame(0x0, TestFrames.Hex("F4908080"), fin: false).Frame(0x0, Utf8("edited"));
        cases["6.4.1 bad second fragment"] = b.Fail(badFrame + 6 + 1, FrameErrorReason.InvalidUtf8);
        b = new Builder(random).Frame(0x1, TestFrames.Hex(Kosme + "F4"), fin: false);
        badFrame = b.Offset;
        b.Frame(0x0, TestFrames.Hex("90"), fin: false).Frame(0x0, TestFrames.Hex("8080656469746564"));
        cases["6.4.2 cut after F4"] = b.Fail(badFrame + 6, FrameErrorReason.InvalidUtf8);

        // 7.x: closing.
        cases["7.1.1 text then close"] = new Builder(random).Frame(0x1, Utf8("Hello World")).Frame(0x8, Close(1000))
            .Expect(ReceiveHarness.Text("Hello World"), "close:1000:");
        cases["7.1.2 close twice"] = new Builder(random).Frame(0x8, Close(1000)).Frame(0x8, Close(1000)).Expect("close:1000:");
        cases["7.1.3 ping after close"] = new Builder(random).Frame(0x8, Close(1000)).Frame(0x9, Utf8("Hello World")).Expect("close:1000:");
        cases["7.1.4 text after close"] = new Builder(random).Frame(0x8, Close(1000)).Frame(0x1, Utf8("Hello World")).Expect("close:1000:");
        cases["7.1.5 close inside a fragmented message"] = new Builder(random).Frame(0x1, Utf8("fragment1"), fin: false).Frame(0x8, Close(1000))
            .Frame(0x0, Utf8("fragment2")).Expect("close:1000:");
        cases["7.3.1 close empty"] = new Builder(random).Frame(0x8, []).Expect("close:1005:");
        b = new Builder(random).Frame(0x8, [0x03]);
        cases["7.3.2 close 1 byte"] = b.Fail(b.Offset - 1, FrameErrorReason.TruncatedCloseStatus);
        cases["7.3.3 close 1000"] = new Builder(random).Frame(0x8, Close(1000)).Expect("close:1000:");
        cases["7.3.4 close with reason"] = new Builder(random).Frame(0x8, Close(1000, "Hello World!")).Expect("close:1000:Hello World!");
        cases["7.3.5 close with 123-byte reason"] = new Builder(random).Frame(0x8, Close(1000, Star(123))).Expect("close:1000:" + Star(123));
        cases["7.3.6 close with 124-byte reason"] = new Builder(random).Frame(0x8, Close(1000, Star(124))).Fail(1, FrameErrorReason.ControlFrameTooLong);
        b = new Builder(random).Frame(0x8, [.. Close(1000), .. TestFrames.Hex(Kosme + "EDA080656469746564")]);
        cases["7.5.1 close with invalid UTF-8 reason"] = b.Fail(b.Offset - 1, FrameErrorReason.InvalidCloseReason);
        foreach (int code in new[] { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999 })
        {
            cases[$"7.7 close {code}"] = new Builder(random).Frame(0x8, Close(code)).Expect($"close:{code}:");
        }
        // Early Autobahn releases listed 1012-1014 among 7.9.x's invalid codes; they are registered now (Service
        // Restart, Try Again Later, Bad Gateway), the current 7.9.x list dropped them, and we accept them, as
        // ManagedWebSocket does.
        foreach (int code in new[] { 1012, 1013, 1014 })
        {
            cases[$"7.x registered close {code}"] = new Builder(random).Frame(0x8, Close(code)).Expect($"close:{code}:");
        }
        foreach (int code in new[] { 0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535 })
        {
            b = new Builder(random).Frame(0x8, Close(code));
            cases[$"7.9 close {code}"] = b.Fail(b.Offset - 1, FrameErrorReason.InvalidCloseStatus);
        }

        // 9.x: limits, scaled down: a message exactly at the limit passes, one byte more fails with 1009.
        var small = new WebSocketLimits { MaxMessageBytes = 4096, MaxFrameBytes = 4096, MaxFragments = 16 };
        byte[] atLimit = Bytes(4096);
        cases["9.x binary at the limit"] = new Builder(random, small).Frame(0x2, atLimit).Expect(ReceiveHarness.Binary(atLimit));
        b = new Builder(random, small);
        cases["9.x frame over the limit"] = b.Frame(0x2, Bytes(4097)).Fail(3, FrameErrorReason.FrameTooBig);
        b = new Builder(random, small).Frame(0x2, Bytes(4000), fin: false).Frame(0x0, Bytes(97));
        cases["9.x fragmented message over the limit"] = b.Fail(b.HeaderEnd(1), FrameErrorReason.MessageTooBig);
        b = new Builder(random, small);
        for (int i = 0; i < 17; i++)
        {
            b.Frame(i == 0 ? 0x2 : 0x0, [], fin: i == 16);
        }
        cases["9.x one fragment too many"] = b.Fail(b.HeaderEnd(16), FrameErrorReason.TooManyFragments);
        byte[] big = Bytes(256 * 1024);
        b = new Builder(random);
        for (int start = 0; start < big.Length; start += 64)
        {
            b.Frame(start == 0 ? 0x2 : 0x0, big.AsSpan(start, 64).ToArray(), fin: start + 64 == big.Length);
        }
        cases["9.4.1 scaled: 256 KiB in 64-byte fragments"] = b.Expect(ReceiveHarness.Binary(big));

        // 10.1.1: 65,536 bytes of text in 1,300-byte fragments.
        string text10 = Star(65_536);
        b = new Builder(random);
        for (int start = 0; start < text10.Length; start += 1300)
        {
            int length = Math.Min(1300, text10.Length - start);
            b.Frame(start == 0 ? 0x1 : 0x0, Utf8(text10.Substring(start, length)), fin: start + length == text10.Length);
        }
        cases["10.1.1 auto-fragmented text"] = b.Expect(ReceiveHarness.Text(text10));
        return cases;
    }

    private static AutobahnCase Utf8Case(Builder builder, byte[] text, bool valid, Func<int, int> streamIndexOfPayloadByte)
    {
        if (valid)
        {
            return builder.Expect(ReceiveHarness.Text(Encoding.UTF8.GetString(text)));
        }
        int hopeless = Utf8Oracle.FirstHopelessByte(text);
        int decisive = hopeless >= 0 ? streamIndexOfPayloadByte(hopeless) : builder.Offset - 1;
        return builder.Fail(decisive, FrameErrorReason.InvalidUtf8);
    }

    private static byte[] Close(int code, string reason = "")
    {
        byte[] payload = new byte[2 + Encoding.UTF8.GetByteCount(reason)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)code);
        Encoding.UTF8.GetBytes(reason, payload.AsSpan(2));
        return payload;
    }

    private sealed class Builder(Random random, WebSocketLimits? limits = null)
    {
        private readonly List<byte[]> _frames = [];
        private readonly List<int> _headerLengths = [];

        public int Offset => _frames.Sum(f => f.Length);

        public int FrameCount => _frames.Count;

        public Builder Frame(int opcode, byte[] payload, bool fin = true, int rsv = 0)
        {
            byte[] key = TestFrames.RandomBytes(random, 4);
            byte[] frame = TestFrames.Build(opcode, payload, fin, rsv, key);
            _headerLengths.Add(frame.Length - payload.Length);
            _frames.Add(frame);
            return this;
        }

        /// <summary>The stream index of the last header byte of frame <paramref name="index"/>: where a tracker rule is decided.</summary>
        public int HeaderEnd(int index) => _frames.Take(index).Sum(f => f.Length) + _headerLengths[index] - 1;

        public AutobahnCase Expect(params string[] events) =>
            new([.. _frames.SelectMany(f => f)], events, -1, limits ?? new WebSocketLimits());

        public AutobahnCase Fail(int decisiveByte, FrameErrorReason reason, params string[] before)
        {
            string fail = $"fail:{new FrameError(reason).CloseStatus}:{reason}";
            return new([.. _frames.SelectMany(f => f)], [.. before, fail], decisiveByte, limits ?? new WebSocketLimits());
        }
    }
}
