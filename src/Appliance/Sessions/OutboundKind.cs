namespace MaoOcr.Appliance.Sessions;

/// <summary>The server message types a session sends (docs/protocol.md).</summary>
internal enum OutboundKind
{
    Pong,
    Start,
    Progress,
    Complete,
    Error,
}
