using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Framing;

namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// The connection settings the frame targets run under, read from the input's first byte so that the fuzzer explores
/// both roles, RSV1 with and without deflate, and limits at their edges (a limit of 125, of one fragment).
/// </summary>
/// <remarks>Bit 0: role (0 server, 1 client). Bit 1: RSV1 allowed. Bits 2-3: frame limit. Bits 4-5: message limit. Bits 6-7: fragment limit.</remarks>
internal readonly struct FrameSettings
{
    private static readonly long[] s_frameLimits = [WebSocketConstants.MaxControlPayloadLength, WebSocketConstants.MaxControlPayloadLength + 1, 1 << 16, long.MaxValue];
    private static readonly long[] s_messageLimits = [1, WebSocketConstants.MaxControlPayloadLength, 4096, long.MaxValue];
    private static readonly int[] s_fragmentLimits = [1, 2, 8, int.MaxValue];

    private FrameSettings(FrameRules rules, long maxMessageBytes, int maxFragments)
    {
        Rules = rules;
        MaxMessageBytes = maxMessageBytes;
        MaxFragments = maxFragments;
    }

    public FrameRules Rules { get; }

    public long MaxMessageBytes { get; }

    public int MaxFragments { get; }

    /// <summary>The settings in <paramref name="config"/>.</summary>
    public static FrameSettings From(byte config)
    {
        var role = (config & 1) == 0 ? WebSocketRole.Server : WebSocketRole.Client;
        bool allowRsv1 = (config & 2) != 0;
        var rules = new FrameRules(role, allowRsv1, s_frameLimits[(config >> 2) & 3]);
        return new FrameSettings(rules, s_messageLimits[(config >> 4) & 3], s_fragmentLimits[(config >> 6) & 3]);
    }
}
