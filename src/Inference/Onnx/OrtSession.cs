using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One loaded model. <see cref="Run"/> is safe to call from many threads at once (ORT's contract for
/// <c>OrtApi::Run</c>), so one session serves every request.
/// </summary>
public sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtHandle _session;
    // Pinned managed arrays, not native memory: a Run in flight keeps them alive and Dispose frees nothing twice.
    private readonly byte[] _inputName;
    private readonly byte[] _outputName;
    // The device outputs are bound to; null for a plain Run.
    private readonly OrtHandle? _outputMemoryInfo;

    private OrtSession(OrtRuntime runtime, OrtHandle session, SessionConfig config)
    {
        _runtime = runtime;
        _session = session;
        OrtApi api = runtime.Api;
        nint handle = session.DangerousGetHandle();
        try
        {
            InputNames = ReadNames(api, handle, OrtApiSlots.SessionGetInputCount, OrtApiSlots.SessionGetInputName);
            OutputNames = ReadNames(api, handle, OrtApiSlots.SessionGetOutputCount, OrtApiSlots.SessionGetOutputName);
            if (InputNames.Count == 0 || OutputNames.Count == 0)
            {
                throw new OrtException(OrtErrorCode.InvalidGraph, "The model has no inputs or no outputs.");
            }
            _outputMemoryInfo = OutputMemoryInfo.Create(api, config);
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
        using OrtHandle options = BuildOptions(runtime, config);
        byte* path = Utf8Z.Alloc(modelPath);
        try
        {
            nint session = runtime.Api.CreateSession(runtime.Env, path, options.DangerousGetHandle());
            return new OrtSession(runtime, new OrtHandle(runtime.Api, OrtApiSlots.ReleaseSession, session), config);
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
        using OrtHandle options = BuildOptions(runtime, config);
        fixed (byte* data = model)
        {
            nint session = runtime.Api.CreateSessionFromArray(runtime.Env, data, (nuint)model.Length, options.DangerousGetHandle());
            return new OrtSession(runtime, new OrtHandle(runtime.Api, OrtApiSlots.ReleaseSession, session), config);
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
    public OrtTensor Run(TensorBuffer input, ReadOnlySpan<long> shape, CancellationToken cancellationToken = default)
        => RunCore(input, shape, binding: null, cancellationToken);

    /// <summary>
    /// The same run through <paramref name="binding"/>, made for this session by <see cref="CreateIoBinding"/>:
    /// lets tests reuse one binding across runs. Needs an <see cref="OutputBinding"/> other than None.
    /// </summary>
    internal OrtTensor RunThrough(OrtIoBinding binding, TensorBuffer input, ReadOnlySpan<long> shape, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (_outputMemoryInfo is null)
        {
            throw new InvalidOperationException("This session was built with OutputBinding.None: it has no device to bind the output to.");
        }
        return RunCore(input, shape, binding, cancellationToken);
    }

    /// <summary>A binding for this session; it must be disposed before the session.</summary>
    internal OrtIoBinding CreateIoBinding() => OrtIoBinding.Create(_runtime.Api, _session.DangerousGetHandle());

    private OrtTensor RunCore(TensorBuffer input, ReadOnlySpan<long> shape, OrtIoBinding? binding, CancellationToken cancellationToken)
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
        nint inputValue = 0;
        nint outputValue = 0;
        OrtHandle? runOptions = null;
        try
        {
            // Held like the session: a Dispose racing this run releases the memory info only after it.
            _outputMemoryInfo?.DangerousAddRef(ref addedMemoryInfoRef);
            fixed (long* dims = shape)
            {
                inputValue = api.CreateTensorWithData(_runtime.CpuMemoryInfo, input.Pointer, (nuint)input.Length * sizeof(float), dims, (nuint)shape.Length, TensorElementType.Float);
            }

            nint runOptionsHandle = 0;
            if (cancellationToken.CanBeCanceled)
            {
                runOptions = new OrtHandle(api, OrtApiSlots.ReleaseRunOptions, api.CreateRunOptions());
                runOptionsHandle = runOptions.DangerousGetHandle();
            }

            byte* inputName = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_inputName));
            byte* outputName = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_outputName));
            using (cancellationToken.UnsafeRegister(static state => ((OrtHandle)state!).Terminate(), runOptions))
            {
                try
                {
                    if (_outputMemoryInfo is null)
                    {
                        api.Run(_session.DangerousGetHandle(), runOptionsHandle, &inputName, &inputValue, 1, &outputName, 1, &outputValue);
                    }
                    else
                    {
                        outputValue = RunBound(binding, runOptionsHandle, inputName, inputValue, outputName);
                    }
                }
                catch (OrtException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            var output = new OrtHandle(api, OrtApiSlots.ReleaseValue, outputValue);
            outputValue = 0;
            return Wrap(api, output);
        }
        finally
        {
            if (inputValue != 0)
            {
                api.Release(OrtApiSlots.ReleaseValue, inputValue);
            }
            if (outputValue != 0)
            {
                api.Release(OrtApiSlots.ReleaseValue, outputValue);
            }
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
    /// One binding per run unless the caller brings one. Run is called from many threads at once, and creating a
    /// binding is one small native allocation next to a model run of milliseconds, so a pool (per thread or per
    /// session) would save nothing worth its bookkeeping: a binding kept by a thread-pool thread outlives any
    /// request, and one still rented when the session is disposed would be released after the session.
    /// </summary>
    private nint RunBound(OrtIoBinding? binding, nint runOptions, byte* inputName, nint inputValue, byte* outputName)
    {
        nint session = _session.DangerousGetHandle();
        nint memoryInfo = _outputMemoryInfo!.DangerousGetHandle();
        if (binding is not null)
        {
            return binding.Run(session, runOptions, inputName, inputValue, outputName, memoryInfo);
        }
        using OrtIoBinding perRun = OrtIoBinding.Create(_runtime.Api, session);
        return perRun.Run(session, runOptions, inputName, inputValue, outputName, memoryInfo);
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

    private static OrtTensor Wrap(OrtApi api, OrtHandle output)
    {
        try
        {
            nint value = output.DangerousGetHandle();
            using var info = new OrtHandle(api, OrtApiSlots.ReleaseTensorTypeAndShapeInfo, api.GetTensorTypeAndShape(value));
            nint infoHandle = info.DangerousGetHandle();
            TensorElementType type = api.GetTensorElementType(infoHandle);
            if (type != TensorElementType.Float)
            {
                throw new OrtException(OrtErrorCode.InvalidArgument, $"Expected a float output tensor, got element type {type}.");
            }
            int rank = (int)api.GetDimensionsCount(infoHandle);
            long[] dims = new long[rank];
            fixed (long* p = dims)
            {
                api.GetDimensions(infoHandle, p, (nuint)rank);
            }
            long length = 1;
            foreach (long d in dims)
            {
                length *= d;
            }
            return new OrtTensor(output, (float*)api.GetTensorMutableData(value), dims, checked((int)length));
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    private static OrtHandle BuildOptions(OrtRuntime runtime, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        OutputMemoryInfo.Validate(config);
        OrtApi api = runtime.Api;
        var options = new OrtHandle(api, OrtApiSlots.ReleaseSessionOptions, api.CreateSessionOptions());
        try
        {
            nint h = options.DangerousGetHandle();
            api.SetIntOption(OrtApiSlots.SetIntraOpNumThreads, h, config.IntraOpThreads);
            api.SetIntOption(OrtApiSlots.SetInterOpNumThreads, h, config.InterOpThreads);
            api.SetIntOption(OrtApiSlots.SetSessionGraphOptimizationLevel, h, (int)config.OptimizationLevel);
            api.SetFlag(config.EnableCpuMemArena ? OrtApiSlots.EnableCpuMemArena : OrtApiSlots.DisableCpuMemArena, h);
            foreach (KeyValuePair<string, string> entry in config.ConfigEntries)
            {
                byte* key = Utf8Z.Alloc(entry.Key);
                byte* value = Utf8Z.Alloc(entry.Value);
                try
                {
                    api.AddSessionConfigEntry(h, key, value);
                }
                finally
                {
                    Utf8Z.Free(key);
                    Utf8Z.Free(value);
                }
            }
            foreach (ExecutionProvider provider in config.ExecutionProviders)
            {
                if (provider is CudaExecutionProvider cuda)
                {
                    AppendCuda(api, h, cuda);
                }
            }
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AppendCuda(OrtApi api, nint sessionOptions, CudaExecutionProvider cuda)
    {
        using var cudaOptions = new OrtHandle(api, OrtApiSlots.ReleaseCudaProviderOptions, api.CreateCudaProviderOptions());
        KeyValuePair<string, string>[] pairs = cuda.ToProviderOptions().ToArray();
        byte** keys = stackalloc byte*[pairs.Length];
        byte** values = stackalloc byte*[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            keys[i] = Utf8Z.Alloc(pairs[i].Key);
            values[i] = Utf8Z.Alloc(pairs[i].Value);
        }
        try
        {
            api.UpdateCudaProviderOptions(cudaOptions.DangerousGetHandle(), keys, values, (nuint)pairs.Length);
            api.AppendCudaProvider(sessionOptions, cudaOptions.DangerousGetHandle());
        }
        finally
        {
            for (int i = 0; i < pairs.Length; i++)
            {
                Utf8Z.Free(keys[i]);
                Utf8Z.Free(values[i]);
            }
        }
    }

    private static string[] ReadNames(OrtApi api, nint session, int countSlot, int nameSlot)
    {
        nint allocator = api.GetAllocatorWithDefaultOptions();
        int count = (int)api.SessionGetCount(countSlot, session);
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            byte* name = api.SessionGetName(nameSlot, session, (nuint)i, allocator);
            names[i] = Utf8Z.Read(name);
            api.AllocatorFree(allocator, name);
        }
        return names;
    }
}
