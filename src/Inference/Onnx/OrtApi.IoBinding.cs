using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>The IO binding slots (see <see cref="OrtIoBinding"/>) and the memory info they bind outputs to.</summary>
internal readonly unsafe partial struct OrtApi
{
    /// <summary>A memory info for the device named <paramref name="name"/> (null-terminated UTF-8, ORT's allocator names).</summary>
    public OrtMemoryInfoHandle CreateMemoryInfo(byte* name, OrtAllocatorType type, int deviceId, OrtMemType memType)
    {
        nint info;
        Check(((delegate* unmanaged<byte*, int, int, int, nint*, nint>)Slot(OrtApiSlots.CreateMemoryInfo))(name, (int)type, deviceId, (int)memType, &info));
        return new OrtMemoryInfoHandle(this, info);
    }

    /// <summary>The memory info's name, device id and memory type; the name is ORT's, valid while the memory info lives.</summary>
    public (string Name, int DeviceId, OrtMemType MemType) DescribeMemoryInfo(OrtMemoryInfoHandle info)
    {
        nint handle = Native(info);
        byte* name;
        int id;
        int memType;
        Check(((delegate* unmanaged<nint, byte**, nint>)Slot(OrtApiSlots.MemoryInfoGetName))(handle, &name));
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.MemoryInfoGetId))(handle, &id));
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.MemoryInfoGetMemType))(handle, &memType));
        return (Utf8Z.Read(name), id, (OrtMemType)memType);
    }

    /// <summary>A binding for <paramref name="session"/>, which must outlive it.</summary>
    public OrtIoBindingHandle CreateIoBinding(OrtSessionHandle session)
    {
        nint binding;
        Check(((delegate* unmanaged<nint, nint*, nint>)Slot(OrtApiSlots.CreateIoBinding))(Native(session), &binding));
        return new OrtIoBindingHandle(this, binding);
    }

    /// <summary>Binds the input named <paramref name="name"/> to <paramref name="value"/> until the inputs are cleared.</summary>
    public void BindInput(OrtIoBindingHandle binding, byte* name, OrtValueHandle value)
        => Check(((delegate* unmanaged<nint, byte*, nint, nint>)Slot(OrtApiSlots.BindInput))(Native(binding), name, Native(value)));

    /// <summary>Has the next run allocate the output named <paramref name="name"/> on the device of <paramref name="memoryInfo"/>.</summary>
    public void BindOutputToDevice(OrtIoBindingHandle binding, byte* name, OrtMemoryInfoHandle memoryInfo)
        => Check(((delegate* unmanaged<nint, byte*, nint, nint>)Slot(OrtApiSlots.BindOutputToDevice))(Native(binding), name, Native(memoryInfo)));

    /// <summary>Runs <paramref name="session"/> on what <paramref name="binding"/> holds; <paramref name="runOptions"/> may be null.</summary>
    public void RunWithBinding(OrtSessionHandle session, OrtRunOptionsHandle? runOptions, OrtIoBindingHandle binding)
        => Check(((delegate* unmanaged<nint, nint, nint, nint>)Slot(OrtApiSlots.RunWithBinding))(
            Native(session), runOptions is null ? 0 : Native(runOptions), Native(binding)));

    /// <summary>
    /// The one output of the last run, owned by the caller. ORT hands back its own reference to each bound output
    /// (ours to release) in an array from the allocator we pass, freed with that allocator once the values are taken out.
    /// </summary>
    /// <exception cref="OrtException">ORT fails, or returns no output.</exception>
    public OrtValueHandle GetBoundOutputValue(OrtIoBindingHandle binding)
    {
        nint allocator = GetAllocatorWithDefaultOptions();
        nint* values;
        nuint count;
        Check(((delegate* unmanaged<nint, nint, nint**, nuint*, nint>)Slot(OrtApiSlots.GetBoundOutputValues))(Native(binding), allocator, &values, &count));
        // Null when there are no outputs (count 0).
        if (values == null)
        {
            throw new OrtException(OrtErrorCode.Fail, "RunWithBinding returned no output value.");
        }
        try
        {
            // One output was bound, so ORT returns one; anything else is released rather than leaked.
            for (nuint i = 1; i < count; i++)
            {
                ReleaseValue(values[i]);
            }
            return new OrtValueHandle(this, values[0]);
        }
        finally
        {
            AllocatorFree(allocator, values);
        }
    }

    // These two return void in the header (they cannot fail), so there is no status to check.
    public void ClearBoundInputs(OrtIoBindingHandle binding) => ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ClearBoundInputs))(Native(binding));

    public void ClearBoundOutputs(OrtIoBindingHandle binding) => ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ClearBoundOutputs))(Native(binding));
}
