using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One loaded model. <see cref="Run"/> is safe to call from many threads at once (ORT's contract for
/// <c>OrtApi::Run</c>), so one session serves every request.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtSessionHandle _session;
    // Pinned managed arrays, not native memory: a Run in flight keeps them alive and Dispose frees nothing twice.
    private readonly byte[] _inputName;
    private readonly byte[] _outputName;
    // The device outputs are bound to; null for a plain Run.
    private readonly OrtMemoryInfoHandle? _outputMemoryInfo;

    private OrtSession(OrtRuntime runtime, OrtSessionHandle session, SessionConfig config)
    {
        _runtime = runtime;
        _session = session;
        try
        {
            InputNames = runtime.Api.SessionGetInputNames(session);
            OutputNames = runtime.Api.SessionGetOutputNames(session);
            if (InputNames.Count == 0 || OutputNames.Count == 0)
            {
                throw new OrtException(OrtErrorCode.InvalidGraph, "The model has no inputs or no outputs.");
            }
            _outputMemoryInfo = OutputMemoryInfo.Create(runtime.Api, config);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        _inputName = PinnedUtf8Z(InputNames[0]);
        _outputName = PinnedUtf8Z(OutputNames[0]);
        OutputBinding = config.OutputBinding;
    }

    /// <summary>Where the output is bound, from <see cref="SessionConfig.OutputBinding"/>.</summary>
    public OutputBinding OutputBinding { get; }

    /// <summary>The model's input names, in order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The model's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Loads a model file.</summary>
    /// <exception cref="OrtException">ORT refuses the file or the options (missing file, bad protobuf, unknown provider).</exception>
    /// <exception cref="ArgumentException"><see cref="SessionConfig.OutputBinding"/> is CudaPinned without the CUDA provider.</exception>
    public static OrtSession Create(OrtRuntime runtime, string modelPath, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        using OrtSessionOptionsHandle options = SessionOptionsBuilder.Build(runtime.Api, config);
        byte* path = Utf8Z.Alloc(modelPath);
        try
        {
            return new OrtSession(runtime, runtime.Api.CreateSession(runtime.Env, path, options), config);
        }
        finally
        {
            Utf8Z.Free(path);
        }
    }

    /// <summary>Loads a model held in memory.</summary>
    /// <exception cref="OrtException">ORT refuses the bytes or the options.</exception>
    /// <exception cref="ArgumentException"><see cref="SessionConfig.OutputBinding"/> is CudaPinned without the CUDA provider.</exception>
    public static OrtSession Create(OrtRuntime runtime, ReadOnlySpan<byte> model, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        using OrtSessionOptionsHandle options = SessionOptionsBuilder.Build(runtime.Api, config);
        fixed (byte* data = model)
        {
            return new OrtSession(runtime, runtime.Api.CreateSessionFromArray(runtime.Env, data, (nuint)model.Length, options), config);
        }
    }

    /// <summary>
    /// Runs the model's first input to its first output. The input tensor is built over
    /// <paramref name="input"/>'s pinned memory, so nothing is copied in; the output is read where ORT put it
    /// (see <see cref="SessionConfig.OutputBinding"/>). Cancelling <paramref name="cancellationToken"/> sets
    /// ORT's terminate flag, which stops a run between operators.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="OrtException">ORT refused the input or failed while running.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The product of <paramref name="shape"/> is not the input's length.</exception>
    public OrtTensor Run(TensorBuffer input, ReadOnlySpan<long> shape, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        long elements = 1;
        foreach (long d in shape)
        {
            elements *= d;
        }
        ArgumentOutOfRangeException.ThrowIfNotEqual(elements, (long)input.Length, nameof(shape));

        OrtApi api = _runtime.Api;
        bool addedRef = false;
        bool addedMemoryInfoRef = false;
        _session.DangerousAddRef(ref addedRef);
        OrtValueHandle? inputValue = null;
        OrtRunOptionsHandle? runOptions = null;
        try
        {
            // Held like the session: a Dispose racing this run releases the memory info only after it.
            _outputMemoryInfo?.DangerousAddRef(ref addedMemoryInfoRef);
            fixed (long* dims = shape)
            {
                inputValue = api.CreateTensorWithData(_runtime.CpuMemoryInfo, input.Pointer, (nuint)input.Length * sizeof(float), dims, (nuint)shape.Length, TensorElementType.Float);
            }

            if (cancellationToken.CanBeCanceled)
            {
                runOptions = api.CreateRunOptions();
            }

            byte* inputName = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_inputName));
            byte* outputName = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_outputName));
            OrtValueHandle output;
            using (cancellationToken.UnsafeRegister(static state => ((OrtRunOptionsHandle?)state)?.Terminate(), runOptions))
            {
                try
                {
                    output = _outputMemoryInfo is null
                        ? api.Run(_session, runOptions, inputName, inputValue, outputName)
                        : RunBound(runOptions, inputName, inputValue, outputName, _outputMemoryInfo);
                }
                catch (OrtException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            return OrtTensor.FromOutput(output);
        }
        finally
        {
            inputValue?.Dispose();
            runOptions?.Dispose();
            if (addedMemoryInfoRef)
            {
                _outputMemoryInfo!.DangerousRelease();
            }
            if (addedRef)
            {
                _session.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// One binding per run. Run is called from many threads at once, and creating a binding is one small native
    /// allocation next to a model run of milliseconds, so a pool (per thread or per session) would save nothing worth
    /// its bookkeeping: a binding kept by a thread-pool thread outlives any request, and one still rented when the
    /// session is disposed would be released after the session.
    /// </summary>
    private OrtValueHandle RunBound(OrtRunOptionsHandle? runOptions, byte* inputName, OrtValueHandle inputValue, byte* outputName, OrtMemoryInfoHandle outputMemoryInfo)
    {
        using OrtIoBinding binding = OrtIoBinding.Create(_session);
        return binding.Run(_session, runOptions, inputName, inputValue, outputName, outputMemoryInfo);
    }

    /// <summary>Releases the session; safe to call twice, and a Run in flight finishes first (it holds a reference).</summary>
    public void Dispose()
    {
        _session.Dispose();
        _outputMemoryInfo?.Dispose();
    }

    private static byte[] PinnedUtf8Z(string value)
    {
        byte[] bytes = GC.AllocateArray<byte>(System.Text.Encoding.UTF8.GetByteCount(value) + 1, pinned: true);
        System.Text.Encoding.UTF8.GetBytes(value, bytes);
        return bytes;
    }
}
