using System.Runtime.InteropServices;
using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>Execution providers: the ones a build has, and the CUDA and TensorRT providers' options.</summary>
internal readonly unsafe partial struct OrtApi
{
    /// <summary>The providers compiled into this build; ORT's list is copied and released.</summary>
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

    public OrtCudaProviderOptionsHandle CreateCudaProviderOptions()
        => new(this, CreateProviderOptions(OrtApiSlots.CreateCudaProviderOptions));

    /// <summary>Sets <paramref name="count"/> key/value pairs (null-terminated UTF-8, copied by ORT).</summary>
    public void UpdateCudaProviderOptions(OrtCudaProviderOptionsHandle cudaOptions, byte** keys, byte** values, nuint count)
        => UpdateProviderOptions(OrtApiSlots.UpdateCudaProviderOptions, Native(cudaOptions), keys, values, count);

    /// <summary><c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>: ORT copies the options, which may be released after.</summary>
    public void AppendCudaProvider(OrtSessionOptionsHandle sessionOptions, OrtCudaProviderOptionsHandle cudaOptions)
        => AppendProvider(OrtApiSlots.SessionOptionsAppendExecutionProviderCudaV2, sessionOptions, Native(cudaOptions));

    /// <summary>Fails with ORT's "not enabled in this build" on a build without TensorRT.</summary>
    public OrtTensorRtProviderOptionsHandle CreateTensorRtProviderOptions()
        => new(this, CreateProviderOptions(OrtApiSlots.CreateTensorRtProviderOptions));

    /// <summary>Sets <paramref name="count"/> key/value pairs (null-terminated UTF-8, copied by ORT).</summary>
    public void UpdateTensorRtProviderOptions(OrtTensorRtProviderOptionsHandle tensorRtOptions, byte** keys, byte** values, nuint count)
        => UpdateProviderOptions(OrtApiSlots.UpdateTensorRtProviderOptions, Native(tensorRtOptions), keys, values, count);

    /// <summary>
    /// <c>SessionOptionsAppendExecutionProvider_TensorRT_V2</c>: ORT copies the options, which may be released after. This
    /// (or the update before it) is where a provider library ORT cannot load fails, with ORT's message.
    /// </summary>
    public void AppendTensorRtProvider(OrtSessionOptionsHandle sessionOptions, OrtTensorRtProviderOptionsHandle tensorRtOptions)
        => AppendProvider(OrtApiSlots.SessionOptionsAppendExecutionProviderTensorRtV2, sessionOptions, Native(tensorRtOptions));

    // The CUDA and TensorRT V2 slots share their shapes, one per step, so one cast serves each step of both:
    // `OrtStatus* (*)(OrtXProviderOptionsV2** out)`.
    private nint CreateProviderOptions(int slot)
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(slot))(&options));
        return options;
    }

    // `OrtStatus* (*)(OrtXProviderOptionsV2*, const char* const* keys, const char* const* values, size_t count)`.
    private void UpdateProviderOptions(int slot, nint options, byte** keys, byte** values, nuint count)
        => Check(((delegate* unmanaged<nint, byte**, byte**, nuint, nint>)Slot(slot))(options, keys, values, count));

    // `OrtStatus* (*)(OrtSessionOptions*, const OrtXProviderOptionsV2*)`.
    private void AppendProvider(int slot, OrtSessionOptionsHandle sessionOptions, nint options)
        => Check(((delegate* unmanaged<nint, nint, nint>)Slot(slot))(Native(sessionOptions), options));
}
