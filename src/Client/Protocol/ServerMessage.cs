namespace MaoOcr.Client.Protocol;

/// <summary>One message from the appliance: its type, its id, and for answers the request event it carries.</summary>
/// <param name="Resend">An <c>ocr_error</c> with <c>data.resend</c>: the appliance is going away and did not finish the
/// request, so the client keeps it and sends it again on its next connection instead of failing it.</param>
internal readonly record struct ServerMessage(string Type, string? Id, OcrEvent? Event, bool Resend = false);
