using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Appliance.Core;

/// <summary>One request as the core sees it, whichever transport brought it.</summary>
/// <param name="Lane">The fair queue's lane: the connection it came on, so one client cannot starve the others.</param>
/// <param name="Images">One image or PDF, or several for a batch; owned by the caller, who disposes them after the outcome.</param>
/// <param name="Options">How to recognise them (language, accuracy).</param>
/// <param name="Source">Which transport, for the metrics ("websocket" or "rest").</param>
public sealed record OcrRequest(string Lane, IReadOnlyList<OcrImage> Images, RecognitionOptions Options, string Source)
{
    /// <summary>OCR every page of a PDF, even those with their own text layer (OCRmyPDF's --force-ocr).</summary>
    public bool ForceOcr { get; init; }

    /// <summary>Also make a searchable PDF of the inputs (<see cref="OcrOutcome.SearchablePdf"/>).</summary>
    public bool SearchablePdf { get; init; }
}
