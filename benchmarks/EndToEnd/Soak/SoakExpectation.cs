namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>What one message sent is owed.</summary>
/// <param name="Case">The report's name for it: <c>good</c>, <c>batch</c>, <c>ping</c>, or a bad input's name.</param>
/// <param name="ExpectedCode">A bad input's <c>ocr_error</c> code; null for a good request or a ping.</param>
/// <param name="Images">A good request's images: the results a batch answer must hold.</param>
/// <param name="Queued">
/// True when the appliance decides only after queueing it (the image is decoded by the engine), so that a <c>busy</c> or
/// <c>timeout</c> refusal comes first and is deserved under load. Parser refusals are never queued.
/// </param>
internal sealed record SoakExpectation(string Case, string? ExpectedCode, int Images, bool Queued)
{
    public bool IsPing => Case == SoakCases.Ping;

    public bool IsGood => ExpectedCode is null && !IsPing;

    public static SoakExpectation Good(int images) => new(images > 1 ? SoakCases.Batch : SoakCases.Good, null, images, Queued: true);

    public static readonly SoakExpectation PingPong = new(SoakCases.Ping, null, 0, Queued: false);
}
