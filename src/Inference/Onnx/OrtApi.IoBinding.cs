namespace MaoOcr.Inference.Onnx;

/// <summary>The IO binding slots (see <see cref="OrtIoBinding"/>) and the memory info they bind outputs to.</summary>
internal readonly unsafe partial struct OrtApi
{
    public nint CreateMemoryInfo(byte* name, OrtAllocatorType type, int deviceId, OrtMemType memType)
    {
        nint info;
        Check(((delegate* unmanaged<byte*, int, int, int, nint*, nint>)Slot(OrtApiSlots.CreateMemoryInfo))(name, (int)type, deviceId, (int)memType, &info));
        return info;
    }

    /// <summary>The memory info's name, device id and memory type; the name is ORT's, valid while the memory info lives.</summary>
    public (string Name, int DeviceId, OrtMemType MemType) DescribeMemoryInfo(nint info)
    {
        byte* name;
        int id;
        int memType;
        Check(((delegate* unmanaged<nint, byte**, nint>)Slot(OrtApiSlots.MemoryInfoGetName))(info, &name));
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.MemoryInfoGetId))(info, &id));
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.MemoryInfoGetMemType))(info, &memType));
        return (Utf8Z.Read(name), id, (OrtMemType)memType);
    }

    public nint CreateIoBinding(nint session)
    {
        nint binding;
        Check(((delegate* unmanaged<nint, nint*, nint>)Slot(OrtApiSlots.CreateIoBinding))(session, &binding));
        return binding;
    }

    public void BindInput(nint binding, byte* name, nint value)
        => Check(((delegate* unmanaged<nint, byte*, nint, nint>)Slot(OrtApiSlots.BindInput))(binding, name, value));

    public void BindOutputToDevice(nint binding, byte* name, nint memoryInfo)
        => Check(((delegate* unmanaged<nint, byte*, nint, nint>)Slot(OrtApiSlots.BindOutputToDevice))(binding, name, memoryInfo));

    public void RunWithBinding(nint session, nint runOptions, nint binding)
        => Check(((delegate* unmanaged<nint, nint, nint, nint>)Slot(OrtApiSlots.RunWithBinding))(session, runOptions, binding));

    /// <summary>
    /// The outputs of the last run, in binding order: an array allocated with <paramref name="allocator"/> (null
    /// when <paramref name="count"/> is 0). The caller releases every value and then frees the array with the same allocator.
    /// </summary>
    public nint* GetBoundOutputValues(nint binding, nint allocator, out nuint count)
    {
        nint* values;
        nuint n;
        Check(((delegate* unmanaged<nint, nint, nint**, nuint*, nint>)Slot(OrtApiSlots.GetBoundOutputValues))(binding, allocator, &values, &n));
        count = n;
        return values;
    }

    // These two return void in the header (they cannot fail), so there is no status to check.
    public void ClearBoundInputs(nint binding) => ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ClearBoundInputs))(binding);

    public void ClearBoundOutputs(nint binding) => ((delegate* unmanaged<nint, void>)Slot(OrtApiSlots.ClearBoundOutputs))(binding);
}
