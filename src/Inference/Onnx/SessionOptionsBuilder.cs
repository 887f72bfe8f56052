using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>Turns a <see cref="SessionConfig"/> into native session options, in the library that will load the model.</summary>
internal static unsafe class SessionOptionsBuilder
{
    /// <summary>The options for <paramref name="config"/>; the caller releases them once the session is made.</summary>
    /// <exception cref="ArgumentException"><see cref="SessionConfig.OutputBinding"/> is CudaPinned without the CUDA provider.</exception>
    /// <exception cref="OrtException">ORT refuses an option (an unknown config entry, a CUDA or TensorRT provider this build or box lacks).</exception>
    public static OrtSessionOptionsHandle Build(OrtApi api, SessionConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        OutputMemoryInfo.Validate(config);
        OrtSessionOptionsHandle options = api.CreateSessionOptions();
        try
        {
            api.SetIntraOpNumThreads(options, config.IntraOpThreads);
            api.SetInterOpNumThreads(options, config.InterOpThreads);
            api.SetSessionGraphOptimizationLevel(options, config.OptimizationLevel);
            if (config.EnableCpuMemArena)
            {
                api.EnableCpuMemArena(options);
            }
            else
            {
                api.DisableCpuMemArena(options);
            }
            if (config.EnableMemoryPattern)
            {
                api.EnableMemPattern(options);
            }
            else
            {
                api.DisableMemPattern(options);
            }
            foreach (KeyValuePair<string, string> entry in config.ConfigEntries)
            {
                byte* key = Utf8Z.Alloc(entry.Key);
                byte* value = Utf8Z.Alloc(entry.Value);
                try
                {
                    api.AddSessionConfigEntry(options, key, value);
                }
                finally
                {
                    Utf8Z.Free(key);
                    Utf8Z.Free(value);
                }
            }
            // In the config's order: ORT gives each node to the first provider that takes it.
            foreach (ExecutionProvider provider in config.ExecutionProviders)
            {
                switch (provider)
                {
                    case TensorRtExecutionProvider tensorRt:
                        AppendTensorRt(api, options, tensorRt);
                        break;
                    case CudaExecutionProvider cuda:
                        AppendCuda(api, options, cuda);
                        break;
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

    private static void AppendCuda(OrtApi api, OrtSessionOptionsHandle sessionOptions, CudaExecutionProvider cuda)
    {
        using OrtCudaProviderOptionsHandle cudaOptions = api.CreateCudaProviderOptions();
        using var pairs = new Utf8Pairs([.. cuda.ToProviderOptions()]);
        api.UpdateCudaProviderOptions(cudaOptions, pairs.Keys, pairs.Values, pairs.Count);
        api.AppendCudaProvider(sessionOptions, cudaOptions);
    }

    private static void AppendTensorRt(OrtApi api, OrtSessionOptionsHandle sessionOptions, TensorRtExecutionProvider tensorRt)
    {
        using OrtTensorRtProviderOptionsHandle tensorRtOptions = api.CreateTensorRtProviderOptions();
        using var pairs = new Utf8Pairs([.. tensorRt.ToProviderOptions()]);
        api.UpdateTensorRtProviderOptions(tensorRtOptions, pairs.Keys, pairs.Values, pairs.Count);
        api.AppendTensorRtProvider(sessionOptions, tensorRtOptions);
    }
}
