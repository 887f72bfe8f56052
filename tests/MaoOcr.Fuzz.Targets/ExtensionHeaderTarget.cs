using System.Text;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// A <c>Sec-WebSocket-Extensions</c> value (read as Latin-1, as the request parser stores field values) through
/// <see cref="ExtensionHeaderReader"/>, the server's <see cref="DeflateNegotiation"/> and the client's
/// <see cref="DeflateClientNegotiation"/>. Contract: nothing throws; the reader moves forward on every call; one field
/// and a list of one field negotiate alike; accepted windows are 8 to 15; and a client that offered the default accepts
/// whatever response the server built.
/// </summary>
public sealed class ExtensionHeaderTarget : IFuzzTarget
{
    private static readonly DeflateOptions s_defaults = new();

    /// <summary>Every option away from its default, so each branch of the answer is taken.</summary>
    private static readonly DeflateOptions s_strict = new()
    {
        ServerNoContextTakeover = true,
        ClientNoContextTakeover = true,
        ServerMaxWindowBits = 10,
        ClientMaxWindowBits = DeflateOptions.MinRequestedClientWindowBits,
    };

    /// <inheritdoc/>
    public string Name => "extension-header";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        string value = Encoding.Latin1.GetString(input);
        WalkReader(value);
        foreach (DeflateOptions options in (ReadOnlySpan<DeflateOptions>)[s_defaults, s_strict])
        {
            Negotiate(value, options);
            ReadAsResponse(value, options);
        }
    }

    /// <summary>Every call either ends or moves the reader, so a walk takes at most a few steps per character.</summary>
    private static void WalkReader(string value)
    {
        var reader = new ExtensionHeaderReader(value);
        int steps = 0;
        int maxSteps = (2 * value.Length) + 2;
        while (reader.ReadExtension(out _))
        {
            ExtensionToken token;
            while ((token = reader.ReadParameter(out ExtensionParameter parameter)) == ExtensionToken.Parameter)
            {
                Contract.That(!parameter.Name.IsEmpty && (parameter.HasValue || parameter.RawValue.IsEmpty));
                Contract.That(++steps <= maxSteps);
            }
            if (token == ExtensionToken.Malformed)
            {
                reader.SkipExtension();
            }
            Contract.That(++steps <= maxSteps);
        }
    }

    private static void Negotiate(string value, DeflateOptions options)
    {
        DeflateNegotiationResult one = DeflateNegotiation.Negotiate(value, options);
        DeflateNegotiationResult list = DeflateNegotiation.Negotiate([value], options);
        Contract.That(one.IsAccepted == list.IsAccepted && one.DeclineReason == list.DeclineReason);
        Contract.That(one.Parameters == list.Parameters && one.ResponseHeaderValue == list.ResponseHeaderValue);
        if (!one.IsAccepted)
        {
            Contract.That(one.DeclineReason != DeflateDeclineReason.None);
            return;
        }
        Contract.That(one.DeclineReason == DeflateDeclineReason.None);
        CheckWindows(one.Parameters);
        string? problem = DeflateClientNegotiation.ReadResponse(one.ResponseHeaderValue, s_defaults, out DeflateParameters? agreed);
        Contract.That(problem is null && agreed.HasValue);
    }

    private static void ReadAsResponse(string value, DeflateOptions offered)
    {
        string? problem = DeflateClientNegotiation.ReadResponse(value, offered, out DeflateParameters? agreed);
        // On a refusal the parameters are whatever was read before the problem; the caller fails the connection.
        if (problem is null && agreed is { } parameters)
        {
            CheckWindows(parameters);
            Contract.That(parameters.ClientMaxWindowBits <= offered.ClientMaxWindowBits);
        }
    }

    private static void CheckWindows(in DeflateParameters parameters) =>
        Contract.That(parameters.ServerMaxWindowBits is >= PerMessageDeflate.MinWindowBits and <= PerMessageDeflate.MaxWindowBits
            && parameters.ClientMaxWindowBits is >= PerMessageDeflate.MinWindowBits and <= PerMessageDeflate.MaxWindowBits);
}
