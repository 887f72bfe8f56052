using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>One request as the core sees it, whichever transport brought it.</summary>
/// <param name="Lane">The fair queue's lane: the connection it came on, so one client cannot starve the others.</param>
/// <param name="Images">One image, or several for a batch; owned by the caller, who disposes them after the outcome.</param>
/// <param name="Options">How to recognise them (language, accuracy).</param>
/// <param name="Source">Which transport, for the metrics ("websocket" or "rest").</param>
public sealed record OcrRequest(string Lane, IReadOnlyList<OcrImage> Images, RecognitionOptions Options, string Source);
