using System.Buffers;
using MaoOcr.WebSockets.Handshake;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// The opening handshake as the connection middleware runs it: <see cref="RequestHeadParser"/> on the raw bytes, then
/// <see cref="WebSocketHandshake.Evaluate"/> (which reads the header lists through <see cref="HttpTokenList"/>, the
/// origin, the token and the extension offers), then <see cref="HandshakeResponseWriter"/>. Contract: nothing throws;
/// one segment and split segments give the same answer; a parsed head is within its limits; every response is one
/// well-formed HTTP head, whatever the request put in its fields.
/// </summary>
public sealed class RequestHeadTarget : IFuzzTarget
{
    /// <summary>Below the 32 KiB default so that a fuzzed input can reach the size refusal; the fuzzer's inputs are at most a few KiB.</summary>
    private const int MaxHeadBytes = 2048;

    /// <summary>Below the default of 100 for the same reason.</summary>
    private const int MaxHeaderCount = 24;

    private static readonly RequestHeadLimits s_limits = new() { MaxHeadBytes = MaxHeadBytes, MaxHeaderCount = MaxHeaderCount };

    /// <summary>The appliance's defaults: same origin only, no token.</summary>
    private static readonly HandshakeOptions s_defaultOptions = new();

    /// <summary>An origin list and an API token, so that both checks run to the end.</summary>
    private static readonly HandshakeOptions s_strictOptions = CreateStrictOptions();

    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <inheritdoc/>
    public string Name => "request-head";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        byte[] bytes = input.ToArray();
        var whole = new ReadOnlySequence<byte>(bytes);
        RequestHeadParseStatus status = RequestHeadParser.TryParse(whole, s_limits, out SequencePosition consumed, out RequestHead? head, out RequestHeadError error);
        ReadOnlySequence<byte> pieces = InputSplit.Split(bytes);
        RequestHeadParseStatus splitStatus = RequestHeadParser.TryParse(pieces, s_limits, out SequencePosition splitConsumed, out RequestHead? splitHead, out RequestHeadError splitError);

        Contract.That(splitStatus == status && splitError == error);
        Contract.That(pieces.Slice(0, splitConsumed).Length == whole.Slice(0, consumed).Length);
        Contract.That((status == RequestHeadParseStatus.Invalid) == (error != RequestHeadError.None));
        if (status != RequestHeadParseStatus.Complete)
        {
            Contract.That(head is null && whole.Slice(0, consumed).IsEmpty);
            return;
        }
        Contract.That(head is not null && splitHead is not null);
        Contract.That(SameHead(head!, splitHead!));
        Contract.That(whole.Slice(0, consumed).Length <= MaxHeadBytes);
        Contract.That(head!.Headers.Count <= MaxHeaderCount);
        Contract.That(head.Method.Length > 0 && head.Target.Length > 0 && head.Version.StartsWith("HTTP/", StringComparison.Ordinal));

        Answer(head, s_defaultOptions);
        Answer(head, s_strictOptions);
    }

    private static void Answer(RequestHead head, HandshakeOptions options)
    {
        HandshakeResult result = WebSocketHandshake.Evaluate(head, options);
        if (result.Outcome == HandshakeOutcome.PassToHttp)
        {
            Contract.That(head.Path != options.Path);
            return;
        }
        Contract.That(result.Outcome == HandshakeOutcome.Accept ? result.AcceptValue?.Length == WebSocketHandshake.KeyLength + 4 : result.StatusCode is >= 400 and <= 499);
        var output = new ArrayBufferWriter<byte>();
        int written = HandshakeResponseWriter.Write(output, result);
        Contract.That(written == output.WrittenCount);
        CheckResponseHead(output.WrittenSpan);
    }

    /// <summary>A status line and header lines, each ending in CRLF with no CR or LF inside, then an empty line.</summary>
    private static void CheckResponseHead(ReadOnlySpan<byte> response)
    {
        Contract.That(response.StartsWith("HTTP/1.1 "u8));
        while (true)
        {
            int end = response.IndexOf(Crlf);
            Contract.That(end >= 0);
            ReadOnlySpan<byte> line = response[..end];
            Contract.That(!line.ContainsAny((byte)'\r', (byte)'\n'));
            response = response[(end + Crlf.Length)..];
            if (line.IsEmpty)
            {
                return;
            }
        }
    }

    private static bool SameHead(RequestHead a, RequestHead b) =>
        a.Method == b.Method && a.Target == b.Target && a.Version == b.Version && a.Headers.SequenceEqual(b.Headers);

    private static HandshakeOptions CreateStrictOptions()
    {
        var options = new HandshakeOptions { ApiToken = "fuzz-token" };
        options.AllowedOrigins.Add("https://app.example:8443");
        return options;
    }
}
