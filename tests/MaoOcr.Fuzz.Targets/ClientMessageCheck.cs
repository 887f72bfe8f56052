using System.Buffers;
using System.Globalization;
using System.Text;
using MaoOcr.Appliance.Core;
using MaoOcr.Appliance.Protocol;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// What both client message targets check: the parser on one segment and on split segments gives the same outcome,
/// and that outcome is a well-formed message within the limits or a refusal with a code the protocol defines.
/// </summary>
internal static class ClientMessageCheck
{
    /// <summary>Small limits, so that fuzzed inputs of a few KiB reach every refusal: too large, too many, too long.</summary>
    private static readonly ProtocolLimits s_limits = new() { MaxImageBytes = 1024, MaxImagesPerRequest = 4, MaxEnvelopeBytes = 1024 };

    private static readonly ClientMessageParser s_parser = new(s_limits);

    /// <summary>How <see cref="ClientMessageParser"/> starts a refusal of JSON that does not parse.</summary>
    private const string JsonSyntaxRefusal = "The message is not valid JSON:";

    public delegate bool Parse(ClientMessageParser parser, ReadOnlySequence<byte> bytes, out ClientMessage? message, out ProtocolError error);

    /// <summary>Parses <paramref name="input"/> whole and split, and checks both outcomes.</summary>
    /// <returns>The accepted message's images' total bytes, or -1 on a refusal.</returns>
    public static long Run(ReadOnlySpan<byte> input, Parse parse)
    {
        byte[] bytes = input.ToArray();
        string whole = Outcome(parse, new ReadOnlySequence<byte>(bytes), out long imageBytes);
        string split = Outcome(parse, InputSplit.Split(bytes), out _);
        if (whole != split)
        {
            Contract.Fail($"one segment gave [{whole}] but split segments gave [{split}]");
        }
        return imageBytes;
    }

    /// <summary>
    /// The refusal's text as far as it must not depend on segments. A JSON syntax error quotes System.Text.Json's own
    /// message, which shows the bad token only up to the end of its segment: the same refusal, worded from what it saw.
    /// </summary>
    private static string Comparable(string message) =>
        message.StartsWith(JsonSyntaxRefusal, StringComparison.Ordinal) ? JsonSyntaxRefusal : message;

    private static string Outcome(Parse parse, ReadOnlySequence<byte> bytes, out long imageBytes)
    {
        imageBytes = -1;
        if (!parse(s_parser, bytes, out ClientMessage? message, out ProtocolError error))
        {
            Contract.That(message is null);
            Contract.That(error.Code is ErrorCode.InvalidMessage or ErrorCode.InvalidImage or ErrorCode.ImageTooLarge);
            Contract.That(!string.IsNullOrEmpty(error.Message));
            Contract.That(error.RequestId is null || error.RequestId.Length <= ClientMessageParser.MaxIdLength);
            return $"refused {error.Code} id={error.RequestId} {Comparable(error.Message)}";
        }
        Contract.That(message is not null);
        using (message)
        {
            var outcome = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{message!.Kind} id={message.Id} t={message.Timestamp} {message.Requirements} batch={message.IsBatch}");
            if (message.Kind == ClientMessageKind.Ping)
            {
                Contract.That(message.Images.Count == 0);
                return outcome.ToString();
            }
            Contract.That(message.Kind == ClientMessageKind.OcrRequest);
            Contract.That(message.Id.Length is > 0 and <= ClientMessageParser.MaxIdLength);
            Contract.That(message.Images.Count is > 0 && message.Images.Count <= s_limits.MaxImagesPerRequest);
            imageBytes = 0;
            foreach (OcrImage image in message.Images)
            {
                Contract.That(image.Length is > 0 && image.Length <= s_limits.MaxImageBytes && image.Memory.Length == image.Length);
                imageBytes += image.Length;
                outcome.Append(CultureInfo.InvariantCulture, $" {image.Length}:{InputSplit.Hash(image.Memory.Span):x8}");
            }
            return outcome.ToString();
        }
    }
}
