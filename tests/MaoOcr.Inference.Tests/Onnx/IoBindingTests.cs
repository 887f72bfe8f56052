using System.Text;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Onnx.Handles;
using MaoOcr.Inference.Tests.Support;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>
/// The IO binding path (<see cref="OutputBinding"/>) on the CPU provider, against the plain Run on the real models:
/// with the output bound to ORT's CPU allocator the results must be the same to the bit. No GPU here, so the
/// CUDA-pinned binding is only checked to be refused with a clear reason.
/// </summary>
public sealed class IoBindingTests
{
    // One thread per operator: deterministic kernels, so the two paths are comparable bit for bit, and these
    // sessions share two cores with the rest of the test run.
    private static readonly SessionConfig s_plain = new() { IntraOpThreads = 1 };
    private static readonly SessionConfig s_bound = new() { IntraOpThreads = 1, OutputBinding = OutputBinding.Cpu };

    // Detection sides are multiples of 32, recognition is 48 high; batches above one and two shapes in a row.
    private static readonly long[][] s_detectionShapes = [[1, 3, 64, 96], [2, 3, 96, 64]];
    private static readonly long[][] s_recognitionShapes = [[1, 3, 48, 160], [4, 3, 48, 320], [2, 3, 48, 96]];

    public static TheoryData<string, string> Libraries => OrtLibraries.All;

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Detection_through_the_binding_equals_the_plain_run(string source, string expectedVersion)
    {
        _ = expectedVersion;
        AssertSameOutputs(source, RealModels.Paths.Detection, s_detectionShapes);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Recognition_through_the_binding_equals_the_plain_run(string source, string expectedVersion)
    {
        _ = expectedVersion;
        AssertSameOutputs(source, RealModels.Paths.Recognition, s_recognitionShapes);
    }

    [Fact]
    public unsafe void One_binding_reused_across_shapes_gives_each_run_its_own_output()
    {
        // OrtSession.Run makes a binding for every run, so it never reuses one; OrtIoBinding promises more (each run
        // binds both sides afresh and clears them), checked here by keeping one binding across the calls Run makes.
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        OrtApi api = runtime.Api;
        using OrtSession plain = OrtSession.Create(runtime, RealModels.Paths.Recognition, s_plain);
        using OrtSessionHandle session = CreateNativeSession(runtime, RealModels.Paths.Recognition, s_bound);
        using OrtMemoryInfoHandle outputMemory = OutputMemoryInfo.Create(api, s_bound)!;
        using OrtIoBinding binding = OrtIoBinding.Create(session);
        byte[] inputName = Encoding.UTF8.GetBytes(plain.InputNames[0] + "\0");
        byte[] outputName = Encoding.UTF8.GetBytes(plain.OutputNames[0] + "\0");

        // Wide, narrow, then the first again: a kept output would have to be reused with the wrong shape.
        long[][] shapes = [s_recognitionShapes[1], s_recognitionShapes[0], s_recognitionShapes[1]];
        for (int i = 0; i < shapes.Length; i++)
        {
            using TensorBuffer input = RandomInput(shapes[i], seed: i);
            using OrtTensor expected = plain.Run(input, shapes[i]);
            using OrtTensor actual = RunThroughBinding(input, shapes[i]);
            AssertSameTensor(expected, actual);
        }

        OrtTensor RunThroughBinding(TensorBuffer input, long[] shape)
        {
            fixed (long* dims = shape)
            fixed (byte* inName = inputName)
            fixed (byte* outName = outputName)
            {
                using OrtValueHandle value = api.CreateTensorWithData(
                    runtime.CpuMemoryInfo, input.Pointer, (nuint)input.Length * sizeof(float), dims, (nuint)shape.Length, TensorElementType.Float);
                return OrtTensor.FromOutput(binding.Run(session, runOptions: null, inName, value, outName, outputMemory));
            }
        }
    }

    [Fact]
    public void Concurrent_runs_through_bindings_each_get_their_own_output()
    {
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        using OrtSession plain = OrtSession.Create(runtime, RealModels.Paths.Recognition, s_plain);
        using OrtSession bound = OrtSession.Create(runtime, RealModels.Paths.Recognition, s_bound);
        const int Threads = 4;
        const int RunsPerThread = 3;
        // A different shape and content per thread, so one thread reading another's output cannot pass.
        long[][] shapes = [.. Enumerable.Range(0, Threads).Select(t => new long[] { 1 + (t % 2), 3, 48, 96 + (32 * t) })];
        float[][] expected = [.. Enumerable.Range(0, Threads).Select(t =>
        {
            using TensorBuffer input = RandomInput(shapes[t], seed: 100 + t);
            using OrtTensor output = plain.Run(input, shapes[t]);
            return output.Data.ToArray();
        })];

        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(Threads);
        Thread[] threads = [.. Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (int run = 0; run < RunsPerThread; run++)
                {
                    using TensorBuffer input = RandomInput(shapes[t], seed: 100 + t);
                    using OrtTensor output = bound.Run(input, shapes[t]);
                    Assert.Equal(expected[t], output.Data.ToArray());
                }
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        }) { IsBackground = true })];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }
        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Empty(failures);
    }

    [Fact]
    public void Wrong_input_shape_through_the_binding_is_an_ort_error_and_the_session_still_works()
    {
        using OrtSession bound = OrtSession.Create(OrtRuntime.Load(OrtLibraries.Shipped), RealModels.Paths.Recognition, s_bound);

        using (TensorBuffer oneChannel = RandomInput([1, 1, 48, 160], seed: 1))
        {
            OrtException e = Assert.Throws<OrtException>(() => bound.Run(oneChannel, [1, 1, 48, 160]));
            Assert.Equal(OrtErrorCode.InvalidArgument, e.Code);
        }
        using (TensorBuffer rank3 = RandomInput([3, 48, 160], seed: 2))
        {
            Assert.Throws<OrtException>(() => bound.Run(rank3, [3, 48, 160]));
        }

        using TensorBuffer input = RandomInput(s_recognitionShapes[0], seed: 3);
        using OrtTensor output = bound.Run(input, s_recognitionShapes[0]);
        Assert.Equal(3, output.Shape.Count);
        Assert.Equal(1L, output.Shape[0]);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Cuda_pinned_output_without_the_cuda_provider_is_refused_naming_it(string source, string expectedVersion)
    {
        _ = expectedVersion;
        // ORT itself accepts this binding on a CPU session and runs (both builds), so the setting would silently
        // do nothing: the session refuses it before loading the model.
        var config = new SessionConfig { IntraOpThreads = 1, OutputBinding = OutputBinding.CudaPinned };
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.PathOf(source));

        ArgumentException fromFile = Assert.Throws<ArgumentException>(() => OrtSession.Create(runtime, RealModels.Paths.Classifier, config));
        ArgumentException fromMemory = Assert.Throws<ArgumentException>(() => OrtSession.Create(runtime, File.ReadAllBytes(RealModels.Paths.Classifier), config));

        Assert.Contains("CudaPinned", fromFile.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA execution provider", fromFile.Message, StringComparison.Ordinal);
        Assert.Equal(fromFile.Message, fromMemory.Message);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Cuda_pinned_memory_info_names_the_cuda_device_and_host_output_memory(string source, string expectedVersion)
    {
        _ = expectedVersion;
        // What a CUDA session binds its output to, made without a GPU: ORT only records the description here.
        OrtApi api = OrtRuntime.Load(OrtLibraries.PathOf(source)).Api;
        var config = new SessionConfig { OutputBinding = OutputBinding.CudaPinned, ExecutionProviders = [new CudaExecutionProvider { DeviceId = 1 }] };

        using OrtMemoryInfoHandle info = OutputMemoryInfo.Create(api, config)!;
        (string name, int deviceId, OrtMemType memType) = api.DescribeMemoryInfo(info);

        Assert.Equal("CudaPinned", name);
        Assert.Equal(1, deviceId);
        Assert.Equal(OrtMemType.CpuOutput, memType);
    }

    [Fact]
    public void A_plain_session_has_no_device_to_bind_to()
    {
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.Shipped);
        using OrtSession plain = OrtSession.Create(runtime, RealModels.Paths.Classifier, s_plain);

        // No memory info means the session takes the plain Run and never makes a binding.
        Assert.Null(OutputMemoryInfo.Create(runtime.Api, s_plain));
        Assert.Equal(OutputBinding.None, plain.OutputBinding);
    }

    private static void AssertSameOutputs(string source, string model, long[][] shapes)
    {
        OrtRuntime runtime = OrtRuntime.Load(OrtLibraries.PathOf(source));
        using OrtSession plain = OrtSession.Create(runtime, model, s_plain);
        using OrtSession bound = OrtSession.Create(runtime, model, s_bound);
        Assert.Equal(OutputBinding.Cpu, bound.OutputBinding);
        for (int i = 0; i < shapes.Length; i++)
        {
            using TensorBuffer input = RandomInput(shapes[i], seed: i);
            using OrtTensor expected = plain.Run(input, shapes[i]);
            using OrtTensor actual = bound.Run(input, shapes[i]);
            Assert.Equal(shapes[i][0], actual.Shape[0]);
            AssertSameTensor(expected, actual);
        }
    }

    /// <summary>A bare native session, built as <see cref="OrtSession.Create(OrtRuntime, string, SessionConfig)"/> builds its own.</summary>
    private static unsafe OrtSessionHandle CreateNativeSession(OrtRuntime runtime, string model, SessionConfig config)
    {
        using OrtSessionOptionsHandle options = SessionOptionsBuilder.Build(runtime.Api, config);
        fixed (byte* path = Encoding.UTF8.GetBytes(model + "\0"))
        {
            return runtime.Api.CreateSession(runtime.Env, path, options);
        }
    }

    private static void AssertSameTensor(OrtTensor expected, OrtTensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        // Exact: the same kernels ran on the same bytes; only where ORT allocated the output differs.
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }

    /// <summary>Values in [-1, 1], the range of the models' normalised input, from a seeded generator.</summary>
    private static TensorBuffer RandomInput(long[] shape, int seed)
    {
        int length = (int)shape.Aggregate(1L, (a, b) => a * b);
        TensorBuffer buffer = TensorBufferPool.Shared.Rent(length);
        var random = new Random(seed);
        Span<float> span = buffer.Span;
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = (random.NextSingle() * 2) - 1;
        }
        return buffer;
    }
}
