namespace MaoOcr.Appliance.Protocol;

/// <summary>The kinds of message a client sends.</summary>
public enum ClientMessageKind
{
    OcrRequest,
    Ping,
}
