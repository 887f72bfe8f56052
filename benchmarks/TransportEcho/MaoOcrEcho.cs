using System.Net;
using MaoOcr.WebSockets;
using MaoOcr.WebSockets.Handshake;
using MaoOcr.WebSockets.Kestrel;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>Our layer: the same Kestrel connection middleware and echo loop the tests use.</summary>
internal static class MaoOcrEcho
{
    public static void Listen(KestrelServerOptions kestrel, EchoOptions options)
    {
        var handshake = new HandshakeOptions { Path = EchoOptions.EchoPath };
        // A loopback test server: conformance suites send an Origin of their own.
        handshake.AllowedOrigins.Add("*");
        handshake.Deflate.Enabled = options.Deflate;
        if (options.CompressionThreshold is int threshold)
        {
            handshake.Deflate.CompressionThreshold = threshold;
        }
        var limits = new WebSocketLimits { MaxMessageBytes = EchoOptions.MaxMessageBytes };
        kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            listen.UseWebSocketConnections(handshake, limits, static (socket, _) => WebSocketEcho.RunAsync(socket)));
    }
}
