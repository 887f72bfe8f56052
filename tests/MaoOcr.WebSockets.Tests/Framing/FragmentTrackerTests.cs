namespace MaoOcr.WebSockets.Tests.Framing;

/// <summary>The rules across the frames of a message (RFC 6455 §5.4, RFC 7692 §6.1), accepted and refused.</summary>
public sealed class FragmentTrackerTests
{
    private static FrameHeader Data(WebSocketOpcode opcode, bool fin, long length = 10, bool rsv1 = false) =>
        new(fin, rsv1, false, false, opcode, masked: true, 0x01020304u, length, 6);

    private static FrameHeader Control(WebSocketOpcode opcode, long length = 0) =>
        new(true, false, false, false, opcode, masked: true, 0x01020304u, length, 6);

    private static void Accept(ref FragmentTracker tracker, FrameHeader header, out AcceptedFrame frame)
    {
        Assert.True(tracker.TryAccept(header, out frame, out FrameError error), error.ToString());
        Assert.Equal(FrameErrorReason.None, error.Reason);
    }

    private static void Refuse(ref FragmentTracker tracker, FrameHeader header, FrameErrorReason reason, ushort closeStatus)
    {
        Assert.False(tracker.TryAccept(header, out _, out FrameError error));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(closeStatus, error.CloseStatus);
    }

    [Theory]
    [InlineData(0x1)]
    [InlineData(0x2)]
    public void SingleFrameMessage_StartsAndEnds(int rawOpcode)
    {
        var opcode = (WebSocketOpcode)rawOpcode;
        var tracker = new FragmentTracker(100, 4);
        Accept(ref tracker, Data(opcode, fin: true, 100), out AcceptedFrame frame);
        Assert.Equal(opcode, frame.Opcode);
        Assert.True(frame.IsFirstFragment);
        Assert.True(frame.EndsMessage);
        Assert.False(frame.IsControl);
        Assert.False(tracker.InMessage);
    }

    [Fact]
    public void FragmentedMessage_ContinuationsCarryTheMessageType()
    {
        var tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false), out AcceptedFrame first);
        Assert.True(first.IsFirstFragment);
        Assert.False(first.EndsMessage);
        Assert.True(tracker.InMessage);
        Assert.Equal(WebSocketOpcode.Text, tracker.MessageOpcode);

        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: false), out AcceptedFrame middle);
        Assert.Equal(WebSocketOpcode.Text, middle.Opcode);
        Assert.False(middle.IsFirstFragment);
        Assert.Equal(2, tracker.Fragments);
        Assert.Equal(20, tracker.MessageBytes);

        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), out AcceptedFrame last);
        Assert.Equal(WebSocketOpcode.Text, last.Opcode);
        Assert.True(last.EndsMessage);
        Assert.False(tracker.InMessage);
        Assert.Equal(0, tracker.Fragments);
        Assert.Equal(0, tracker.MessageBytes);

        // Ready for the next message, of the other type.
        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: true), out AcceptedFrame next);
        Assert.Equal(WebSocketOpcode.Binary, next.Opcode);
        Assert.True(next.IsFirstFragment);
    }

    [Theory]
    [InlineData(0x9)]
    [InlineData(0xA)]
    [InlineData(0x8)]
    public void ControlFrames_BetweenFragments_LeaveTheMessageAlone(int rawOpcode)
    {
        var control = (WebSocketOpcode)rawOpcode;
        var tracker = new FragmentTracker(1000, 3);
        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: false), out _);
        for (int i = 0; i < 5; i++)
        {
            Accept(ref tracker, Control(control, 125), out AcceptedFrame frame);
            Assert.True(frame.IsControl);
            Assert.Equal(control, frame.Opcode);
            Assert.True(frame.EndsMessage);
        }
        Assert.Equal(1, tracker.Fragments); // control frames are not fragments
        Assert.Equal(10, tracker.MessageBytes);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), out AcceptedFrame last);
        Assert.Equal(WebSocketOpcode.Binary, last.Opcode);
    }

    [Fact]
    public void Continuation_WithNoMessageInProgress_Refused1002()
    {
        var tracker = new FragmentTracker(1000, 10);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), FrameErrorReason.UnexpectedContinuation, 1002);
        tracker = new FragmentTracker(1000, 10);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: false), FrameErrorReason.UnexpectedContinuation, 1002);

        // Also straight after a complete message.
        tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), FrameErrorReason.UnexpectedContinuation, 1002);
    }

    [Theory]
    [InlineData(0x1, 0x1)]
    [InlineData(0x1, 0x2)]
    [InlineData(0x2, 0x1)]
    public void NewDataFrame_WhileFragmentedMessageInProgress_Refused1002(int rawFirst, int rawSecond)
    {
        var (first, second) = ((WebSocketOpcode)rawFirst, (WebSocketOpcode)rawSecond);
        var tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(first, fin: false), out _);
        Refuse(ref tracker, Data(second, fin: true), FrameErrorReason.ExpectedContinuation, 1002);
    }

    [Fact]
    public void Rsv1_OnFirstFrame_MarksTheWholeMessageCompressed()
    {
        var tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false, rsv1: true), out AcceptedFrame first);
        Assert.True(first.IsCompressed);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true), out AcceptedFrame last);
        Assert.True(last.IsCompressed);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: true), out AcceptedFrame next);
        Assert.False(next.IsCompressed);
    }

    [Fact]
    public void Rsv1_OnContinuation_Refused1002()
    {
        var tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false, rsv1: true), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, rsv1: true), FrameErrorReason.CompressedContinuation, 1002);
    }

    [Fact]
    public void Fragments_UpToTheLimit_Accepted_OneMore_Refused1009()
    {
        var tracker = new FragmentTracker(1000, 3);
        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: false, 0), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: false, 0), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, 0), out _);

        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: false, 0), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: false, 0), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: false, 0), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, 0), FrameErrorReason.TooManyFragments, 1009);
    }

    [Fact]
    public void MessageBytes_UpToTheLimit_Accepted_OneMore_Refused1009()
    {
        var tracker = new FragmentTracker(100, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false, 60), out _);
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, 40), out _);

        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false, 60), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, 41), FrameErrorReason.MessageTooBig, 1009);

        tracker = new FragmentTracker(100, 10);
        Refuse(ref tracker, Data(WebSocketOpcode.Binary, fin: true, 101), FrameErrorReason.MessageTooBig, 1009);
        tracker = new FragmentTracker(100, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: false, 100), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, long.MaxValue), FrameErrorReason.MessageTooBig, 1009);
    }

    [Fact]
    public void Autobahn_9_3_1_FourMebibytesIn64ByteFragments_FitTheDefaultLimits()
    {
        var limits = new WebSocketLimits();
        var tracker = new FragmentTracker(limits);
        // What the suite sends: 65,536 fragments of 64 bytes, none final, then its endMessage's empty final frame.
        const int Fragments = 4 * 1024 * 1024 / 64;
        for (int i = 0; i < Fragments; i++)
        {
            var opcode = i == 0 ? WebSocketOpcode.Text : WebSocketOpcode.Continuation;
            Accept(ref tracker, Data(opcode, fin: false, 64), out AcceptedFrame frame);
            Assert.False(frame.EndsMessage);
        }
        Accept(ref tracker, Data(WebSocketOpcode.Continuation, fin: true, 0), out AcceptedFrame last);
        Assert.True(last.EndsMessage);
        // And 16 MiB in one frame (9.1.6), but not a byte more.
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: true, 16 * 1024 * 1024), out _);
        Refuse(ref tracker, Data(WebSocketOpcode.Text, fin: true, 16 * 1024 * 1024 + 1), FrameErrorReason.MessageTooBig, 1009);
    }

    [Fact]
    public void TheDefaultFragmentLimit_FollowsTheMessageLimit_UntilSet()
    {
        Assert.Equal(1_048_576, new WebSocketLimits().MaxFragments);
        Assert.Equal(65_536, new WebSocketLimits { MaxMessageBytes = 1024 * 1024 }.MaxFragments);
        Assert.Equal(1024, new WebSocketLimits { MaxMessageBytes = 100 }.MaxFragments);
        Assert.Equal(7, new WebSocketLimits { MaxFragments = 7, MaxMessageBytes = 1024 * 1024 }.MaxFragments);
    }

    [Fact]
    public void Reset_ForgetsTheMessageInProgress()
    {
        var tracker = new FragmentTracker(1000, 10);
        Accept(ref tracker, Data(WebSocketOpcode.Text, fin: false), out _);
        tracker.Reset();
        Assert.False(tracker.InMessage);
        Accept(ref tracker, Data(WebSocketOpcode.Binary, fin: true), out _);
    }

    [Fact]
    public void LimitsBelowOne_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentTracker(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FragmentTracker(1, 0));
        Assert.Throws<ArgumentNullException>(() => new FragmentTracker(null!));
    }
}
