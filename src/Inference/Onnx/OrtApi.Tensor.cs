using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>Tensors (built over our memory, or read where ORT allocated them), memory infos and ORT's default allocator.</summary>
internal readonly unsafe partial struct OrtApi
{
    public OrtMemoryInfoHandle CreateCpuMemoryInfo(OrtAllocatorType type, OrtMemType memType)
    {
        nint info;
        Check(((delegate* unmanaged<int, int, nint*, nint>)Slot(OrtApiSlots.CreateCpuMemoryInfo))((int)type, (int)memType, &info));
        return new OrtMemoryInfoHandle(this, info);
    }

    /// <summary>
    /// A tensor over <paramref name="byteLength"/> bytes at <paramref name="data"/>, which ORT neither copies nor
    /// frees: the memory must stay where it is, and alive, until the value is released.
    /// </summary>
    public OrtValueHandle CreateTensorWithData(OrtMemoryInfoHandle memoryInfo, void* data, nuint byteLength, long* shape, nuint rank, TensorElementType type)
    {
        nint value;
        Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)Slot(OrtApiSlots.CreateTensorWithDataAsOrtValue))(
            Native(memoryInfo), data, byteLength, shape, rank, (int)type, &value));
        return new OrtValueHandle(this, value);
    }

    /// <summary>The tensor's elements, valid while <paramref name="value"/> lives.</summary>
    public void* GetTensorMutableData(OrtValueHandle value)
    {
        void* data;
        Check(((delegate* unmanaged<nint, void**, nint>)Slot(OrtApiSlots.GetTensorMutableData))(Native(value), &data));
        return data;
    }

    public OrtTensorTypeAndShapeInfoHandle GetTensorTypeAndShape(OrtValueHandle value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)Slot(OrtApiSlots.GetTensorTypeAndShape))(Native(value), &info));
        return new OrtTensorTypeAndShapeInfoHandle(this, info);
    }

    /// <summary>The tensor's rank.</summary>
    public nuint GetDimensionsCount(OrtTensorTypeAndShapeInfoHandle info)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)Slot(OrtApiSlots.GetDimensionsCount))(Native(info), &count));
        return count;
    }

    /// <summary>Writes the first <paramref name="length"/> dimensions, outermost first, to <paramref name="dims"/>.</summary>
    public void GetDimensions(OrtTensorTypeAndShapeInfoHandle info, long* dims, nuint length)
        => Check(((delegate* unmanaged<nint, long*, nuint, nint>)Slot(OrtApiSlots.GetDimensions))(Native(info), dims, length));

    public TensorElementType GetTensorElementType(OrtTensorTypeAndShapeInfoHandle info)
    {
        int type;
        Check(((delegate* unmanaged<nint, int*, nint>)Slot(OrtApiSlots.GetTensorElementType))(Native(info), &type));
        return (TensorElementType)type;
    }

    // ORT owns its default allocator (it is never released), so it stays a bare pointer inside this struct.
    private nint GetAllocatorWithDefaultOptions()
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.GetAllocatorWithDefaultOptions))(&allocator));
        return allocator;
    }

    private void AllocatorFree(nint allocator, void* p)
        => Check(((delegate* unmanaged<nint, void*, nint>)Slot(OrtApiSlots.AllocatorFree))(allocator, p));
}
