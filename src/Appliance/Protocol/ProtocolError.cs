namespace MaoOcr.Appliance.Protocol;

/// <summary>Why a client message was refused; <see cref="RequestId"/> is the envelope's id when it could be read.</summary>
public readonly record struct ProtocolError(ErrorCode Code, string Message, string? RequestId);
