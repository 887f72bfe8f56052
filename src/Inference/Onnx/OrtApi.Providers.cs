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
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateCudaProviderOptions))(&options));
        return new OrtCudaProviderOptionsHandle(this, options);
    }

    /// <summary>Sets <paramref name="count"/> key/value pairs (null-terminated UTF-8, copied by ORT).</summary>
    public void UpdateCudaProviderOptions(OrtCudaProviderOptionsHandle cudaOptions, byte** keys, byte** values, nuint count)
        => Check(((delegate* unmanaged<nint, byte**, byte**, nuint, nint>)Slot(OrtApiSlots.UpdateCudaProviderOptions))(Native(cudaOptions), keys, values, count));

    /// <summary><c>SessionOptionsAppendExecutionProvider_CUDA_V2</c>: ORT copies the options, which may be released after.</summary>
    public void AppendCudaProvider(OrtSessionOptionsHandle sessionOptions, OrtCudaProviderOptionsHandle cudaOptions)
        => Check(((delegate* unmanaged<nint, nint, nint>)Slot(OrtApiSlots.SessionOptionsAppendExecutionProviderCudaV2))(Native(sessionOptions), Native(cudaOptions)));

    public OrtTensorRtProviderOptionsHandle CreateTensorRtProviderOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateTensorRtProviderOptions))(&options));
        return new OrtTensorRtProviderOptionsHandle(this, options);
    }

    /// <summary>Sets <paramref name="count"/> key/value pairs (null-terminated UTF-8, copied by ORT).</summary>
    public void UpdateTensorRtProviderOptions(OrtTensorRtProviderOptionsHandle tensorRtOptions, byte** keys, byte** values, nuint count)
        => Check(((delegate* unmanaged<nint, byte**, byte**, nuint, nint>)Slot(OrtApiSlots.UpdateTensorRtProviderOptions))(Native(tensorRtOptions), keys, values, count));

    /// <summary>
    /// <c>SessionOptionsAppendExecutionProvider_TensorRT_V2</c>: ORT copies the options, which may be released after. This is
    /// where a missing libonnxruntime_providers_tensorrt.so or TensorRT library fails, with ORT's message.
    /// </summary>
    public void AppendTensorRtProvider(OrtSessionOptionsHandle sessionOptions, OrtTensorRtProviderOptionsHandle tensorRtOptions)
        => Check(((delegate* unmanaged<nint, nint, nint>)Slot(OrtApiSlots.SessionOptionsAppendExecutionProviderTensorRtV2))(Native(sessionOptions), Native(tensorRtOptions)));
}
