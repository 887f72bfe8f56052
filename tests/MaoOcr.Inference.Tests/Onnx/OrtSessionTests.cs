using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>The binding against every ORT build we test: the release we ship and an older one (<see cref="OrtLibraries"/>).</summary>
public sealed class OrtSessionTests(ClassifierSessions classifiers) : IClassFixture<ClassifierSessions>
{
    private static readonly SessionConfig s_config = ClassifierSessions.Config;

    private static readonly long[] s_classifierShape = [1, 3, 48, 192];

    public static TheoryData<string, string> Libraries => OrtLibraries.All;

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Runtime_reports_its_version(string source, string expectedVersion)
    {
        OrtRuntime runtime = Load(source);

        Assert.Equal(expectedVersion, runtime.Version);
        Assert.Equal(Path.GetFullPath(OrtLibraries.PathOf(source)), runtime.LibraryPath);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Cpu_provider_is_available(string source, string expectedVersion)
    {
        _ = expectedVersion;

        Assert.Contains("CPUExecutionProvider", Load(source).GetAvailableProviders());
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Classifier_runs_on_a_zero_tensor_and_returns_two_probabilities(string source, string expectedVersion)
    {
        _ = expectedVersion;
        OrtSession session = classifiers.For(source);

        using OrtTensor output = RunZeros(session, s_classifierShape);

        Assert.Equal([1L, 2L], output.Shape);
        Assert.Equal(2, output.Length);
        Assert.All(output.Data.ToArray(), p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, output.Data[0] + output.Data[1], 1e-4f);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Model_can_be_loaded_from_memory(string source, string expectedVersion)
    {
        _ = expectedVersion;
        byte[] model = File.ReadAllBytes(RealModels.Paths.Classifier);
        using OrtSession session = OrtSession.Create(Load(source), model, s_config);

        using OrtTensor output = RunZeros(session, s_classifierShape);

        Assert.Equal(["x"], session.InputNames);
        Assert.Equal([1L, 2L], output.Shape);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Missing_model_file_is_no_such_file(string source, string expectedVersion)
    {
        _ = expectedVersion;
        using var temp = new TempDirectory();
        string missing = temp.Combine("absent.onnx");

        OrtException e = Assert.Throws<OrtException>(() => OrtSession.Create(Load(source), missing, s_config));

        Assert.Equal(OrtErrorCode.NoSuchFile, e.Code);
        Assert.Contains("absent.onnx", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Garbage_model_is_invalid_protobuf(string source, string expectedVersion)
    {
        _ = expectedVersion;
        using var temp = new TempDirectory();
        string garbage = temp.Combine("garbage.onnx");
        // 't' (0x74) is field 14 with wire type 4 (end group) at the top level: no protobuf parser accepts it.
        File.WriteAllBytes(garbage, "this is not an ONNX model"u8.ToArray());

        OrtException fromFile = Assert.Throws<OrtException>(() => OrtSession.Create(Load(source), garbage, s_config));
        OrtException fromMemory = Assert.Throws<OrtException>(() => OrtSession.Create(Load(source), "this is not an ONNX model"u8, s_config));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, fromFile.Code);
        Assert.Equal(OrtErrorCode.InvalidProtobuf, fromMemory.Code);
        Assert.False(string.IsNullOrWhiteSpace(fromFile.NativeMessage));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Wrong_input_rank_is_refused_and_the_session_still_works(string source, string expectedVersion)
    {
        _ = expectedVersion;
        OrtSession session = classifiers.For(source);

        Assert.Throws<OrtException>(() => RunZeros(session, [3, 48, 192]));
        Assert.Throws<OrtException>(() => RunZeros(session, [1, 1, 48, 192]));

        using OrtTensor output = RunZeros(session, s_classifierShape);
        Assert.Equal([1L, 2L], output.Shape);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Shape_that_disagrees_with_the_buffer_is_refused_before_ort(string source, string expectedVersion)
    {
        _ = expectedVersion;
        OrtSession session = classifiers.For(source);
        using TensorBuffer input = TensorBufferPool.Shared.Rent(3 * 48 * 192);

        Assert.Throws<ArgumentOutOfRangeException>(() => session.Run(input, [2, 3, 48, 192]));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Cancelled_token_stops_before_running(string source, string expectedVersion)
    {
        _ = expectedVersion;
        OrtSession session = classifiers.For(source);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => RunZeros(session, s_classifierShape, cts.Token));

        using OrtTensor output = RunZeros(session, s_classifierShape, CancellationToken.None);
        Assert.Equal([1L, 2L], output.Shape);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Cancelling_during_a_long_run_stops_it(string source, string expectedVersion)
    {
        _ = expectedVersion;
        using OrtSession session = OrtSession.Create(Load(source), RealModels.Paths.Detection, s_config);
        using var cts = new CancellationTokenSource();
        // DB on 1920×1920 takes seconds; the cancel lands while ORT is between operators. A dedicated thread,
        // not a thread-pool timer: with both cores busy in ORT and tests blocking pool threads, a timer
        // callback can be starved until after the run has finished.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(30);
            cts.Cancel();
        }) { IsBackground = true };
        canceller.Start();

        OperationCanceledException e;
        try
        {
            e = Assert.ThrowsAny<OperationCanceledException>(() => RunZeros(session, [1, 3, 1920, 1920], cts.Token));
        }
        finally
        {
            // Never let the thread cancel a disposed source, whatever the assertion did.
            canceller.Join();
        }

        Assert.Equal(cts.Token, e.CancellationToken);
        // The same session runs again once the token is gone.
        using OrtTensor output = RunZeros(session, [1, 3, 64, 64]);
        Assert.Equal([1L, 1L, 64L, 64L], output.Shape);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Output_is_unreadable_after_dispose(string source, string expectedVersion)
    {
        _ = expectedVersion;
        OrtSession session = classifiers.For(source);
        OrtTensor output = RunZeros(session, s_classifierShape);

        output.Dispose();

        Assert.Throws<ObjectDisposedException>(() => output.Data.Length);
    }

    private static OrtRuntime Load(string source) => OrtRuntime.Load(OrtLibraries.PathOf(source));

    private static OrtTensor RunZeros(OrtSession session, long[] shape, CancellationToken cancellationToken = default)
    {
        int length = (int)shape.Aggregate(1L, (a, b) => a * b);
        using TensorBuffer input = TensorBufferPool.Shared.Rent(length);
        input.Span.Clear();
        return session.Run(input, shape, cancellationToken);
    }
}
