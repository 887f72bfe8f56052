using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Pipeline;

[Collection(EngineGroup.Name)]
public sealed class EngineCancellationTests(EngineFixture fixture)
{
    [Fact]
    public void Cancelled_request_stops_and_the_next_one_reads()
    {
        byte[] png = TestImages.TextPng("Invoice 2024");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var stages = new List<PipelineStage>();

        Assert.ThrowsAny<OperationCanceledException>(() => fixture.Engine.Recognize(png, progress: p => stages.Add(p.Stage), cancellationToken: cts.Token));

        // Decoding is not interruptible; nothing after it starts.
        Assert.Equal([PipelineStage.Decode], stages);
        Assert.Equal("Invoice 2024", fixture.Engine.Recognize(png).Text);
    }
}
