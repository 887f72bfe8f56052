using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// A typed view of one library's <c>OrtApi</c> table. Each method calls one slot through an
/// unmanaged function pointer: no delegates, no marshalling stubs, nothing for the trimmer to keep.
/// Methods that return an <c>OrtStatus*</c> go through <see cref="Check"/>, the one status-to-exception path.
/// </summary>
internal readonly unsafe partial struct OrtApi
{
    private readonly void** _table;

    public OrtApi(void* table)
    {
        Debug.Assert(table != null);
        _table = (void**)table;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void* Slot(int index) => _table[index];

    /// <summary>Turns a status into an exception, always releasing the status. Null means success.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Check(nint status)
    {
        if (status != 0)
        {
            ThrowFromStatus(status);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    [DoesNotReturn]
    private void ThrowFromStatus(nint status)
    {
        OrtErrorCode code;
        string message;
        try
        {
            code = (OrtErrorCode)((delegate* unmanaged<nint, int>)Slot(OrtApiSlots.GetErrorCode))(status);
            message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)Slot(OrtApiSlots.GetErrorMessage))(status)) ?? "(no message)";
        }
        finally
        {
            ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ReleaseStatus))(status);
        }
        throw new OrtException(code, message);
    }

    public void Release(int slot, nint handle) => ((delegate* unmanaged<nint, void>)Slot(slot))(handle);

    public nint CreateEnv(OrtLoggingLevel level, byte* logId)
    {
        nint env;
        Check(((delegate* unmanaged<int, byte*, nint*, nint>)Slot(OrtApiSlots.CreateEnv))((int)level, logId, &env));
        return env;
    }

    public nint CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateSessionOptions))(&options));
        return options;
    }

    public void SetIntOption(int slot, nint options, int value)
        => Check(((delegate* unmanaged<nint, int, nint>)Slot(slot))(options, value));

    public void SetFlag(int slot, nint options)
        => Check(((delegate* unmanaged<nint, nint>)Slot(slot))(options));

    public void AddSessionConfigEntry(nint options, byte* key, byte* value)
        => Check(((delegate* unmanaged<nint, byte*, byte*, nint>)Slot(OrtApiSlots.AddSessionConfigEntry))(options, key, value));

    public nint CreateSession(nint env, byte* modelPath, nint options)
    {
        nint session;
        Check(((delegate* unmanaged<nint, byte*, nint, nint*, nint>)Slot(OrtApiSlots.CreateSession))(env, modelPath, options, &session));
        return session;
    }

    public nint CreateSessionFromArray(nint env, void* data, nuint length, nint options)
    {
        nint session;
        Check(((delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)Slot(OrtApiSlots.CreateSessionFromArray))(env, data, length, options, &session));
        return session;
    }

    public nuint SessionGetCount(int slot, nint session)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Slot(slot))(session, &count));
        return count;
    }

    public byte* SessionGetName(int slot, nint session, nuint index, nint allocator)
    {
        byte* name;
        Check(((delegate* unmanaged<nint, nuint, nint, byte**, nint>)Slot(slot))(session, index, allocator, &name));
        return name;
    }

    public nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.GetAllocatorWithDefaultOptions))(&allocator));
        return allocator;
    }

    public void AllocatorFree(nint allocator, void* p)
        => Check(((delegate* unmanaged<nint, void*, nint>)Slot(OrtApiSlots.AllocatorFree))(allocator, p));

    public nint CreateCpuMemoryInfo(OrtAllocatorType type, OrtMemType memType)
    {
        nint info;
        Check(((delegate* unmanaged<int, int, nint*, nint>)Slot(OrtApiSlots.CreateCpuMemoryInfo))((int)type, (int)memType, &info));
        return info;
    }

    public nint CreateTensorWithData(nint memoryInfo, void* data, nuint byteLength, long* shape, nuint rank, TensorElementType type)
    {
        nint value;
        Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(OrtApiSlots.CreateTensorWithDataAsOrtValue))(
            memoryInfo, data, byteLength, shape, rank, (int)type, &value));
        return value;
    }

    public void* GetTensorMutableData(nint value)
    {
        void* data;
        Check(((delegate* unmanaged<nint, void**, nint>)Slot(OrtApiSlots.GetTensorMutableData))(value, &data));
        return data;
    }

    public nint GetTensorTypeAndShape(nint value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Slot(OrtApiSlots.GetTensorTypeAndShape))(value, &info));
        return info;
    }

    public nuint GetDimensionsCount(nint info)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Slot(OrtApiSlots.GetDimensionsCount))(info, &count));
        return count;
    }

    public void GetDimensions(nint info, long* dims, nuint length)
        => Check(((delegate* unmanaged<nint, long*, nuint, nint>)Slot(OrtApiSlots.GetDimensions))(info, dims, length));

    public TensorElementType GetTensorElementType(nint info)
    {
        int type;
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.GetTensorElementType))(info, &type));
        return (TensorElementType)type;
    }

    public nint CreateRunOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateRunOptions))(&options));
        return options;
    }

    public void RunOptionsSetTerminate(nint runOptions)
        => Check(((delegate* unmanaged<nint, nint>)Slot(OrtApiSlots.RunOptionsSetTerminate))(runOptions));

    public void Run(nint session, nint runOptions, byte** inputNames, nint* inputs, nuint inputCount, byte** outputNames, nuint outputCount, nint* outputs)
        => Check(((delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Slot(OrtApiSlots.Run))(
            session, runOptions, inputNames, inputs, inputCount, outputNames, outputCount, outputs));

    public string[] GetAvailableProviders()
    {
        byte** names;
        int count;
        Check(((delegate* unmanaged<byte***, int*, nint>)Slot(OrtApiSlots.GetAvailableProviders))(&names, &count));
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
            }
            return result;
        }
        finally
        {
            Check(((delegate* unmanaged<byte**, int, nint>)Slot(OrtApiSlots.ReleaseAvailableProviders))(names, count));
        }
    }

    public nint CreateCudaProviderOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateCudaProviderOptions))(&options));
        return options;
    }

    public void UpdateCudaProviderOptions(nint cudaOptions, byte** keys, byte** values, nuint count)
        => Check(((delegate* unmanaged<nint, byte**, byte**, nuint, nint>)Slot(OrtApiSlots.UpdateCudaProviderOptions))(cudaOptions, keys, values, count));

    public void AppendCudaProvider(nint sessionOptions, nint cudaOptions)
        => Check(((delegate* unmanaged<nint, nint, nint>)Slot(OrtApiSlots.SessionOptionsAppendExecutionProviderCudaV2))(sessionOptions, cudaOptions));
}
