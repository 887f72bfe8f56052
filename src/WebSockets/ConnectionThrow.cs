using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace MaoOcr.WebSockets;

/// <summary>The throws of <see cref="WebSocketConnection"/> and its helpers, kept out of the hot methods.</summary>
internal static class ConnectionThrow
{
    /// <summary>
    /// The one throw of "this connection can no longer send or receive": a send outside Open and CloseReceived, or a
    /// pipe call that failed under the connection (<paramref name="transportFailure"/>, after which it is aborted).
    /// </summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Closed(WebSocketConnectionState state, Exception? transportFailure = null) =>
        throw new WebSocketClosedException(state, transportFailure);

    /// <summary>A second receive while one is in progress.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ConcurrentReceive() =>
        throw new InvalidOperationException("A receive is already in progress on this WebSocket connection; receives must not overlap.");

    /// <summary>A data message with a control or continuation opcode.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void NotADataOpcode(WebSocketOpcode opcode) =>
        throw new ArgumentException($"A message is sent as Text or Binary, not {opcode}.", nameof(opcode));

    /// <summary>A message limit that no single array can hold.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MessageLimitTooLarge(long maxMessageBytes) =>
        throw new ArgumentOutOfRangeException(nameof(maxMessageBytes), maxMessageBytes, $"A received message is held in one array, so the message limit is at most {Array.MaxLength} bytes.");

    /// <summary><see cref="MessageBuffer.Advance"/> past the span handed out.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AdvancedTooFar(int count, int available) =>
        throw new ArgumentOutOfRangeException(nameof(count), count, $"Advance by 0 to {available} bytes, the room left in the last span.");

    /// <summary>A message buffer asked to grow past the largest array.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MessageBufferFull(long needed) =>
        throw new InvalidOperationException($"A message buffer cannot grow to {needed} bytes.");
}
