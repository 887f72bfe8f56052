using System.Net.WebSockets;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>One message to send and what it is owed. <paramref name="Anonymous"/>: its id cannot be read, so its refusal carries <c>request_id: null</c>.</summary>
internal sealed record SoakMessage(string Id, WebSocketMessageType Type, byte[] Payload, SoakExpectation Expectation, bool Anonymous = false);
