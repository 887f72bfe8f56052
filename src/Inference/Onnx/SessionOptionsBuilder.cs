using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>Turns a <see cref="SessionConfig"/> into native session options, in the library that will load the model.</summary>
internal static unsafe class SessionOptionsBuilder
{
    /// <summary>The options for <paramref name="config"/>; the caller releases them once the session is made.</summary>
    /// <exception cref="ArgumentException"><see cref="SessionConfig.OutputBinding"/> is CudaPinned without the CUDA provider.</exception>
    /// <exception cref="OrtException">ORT refuses an option (an unknown config entry, a CUDA provider this build lacks).</exception>
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
            foreach (ExecutionProvider provider in config.ExecutionProviders)
            {
                if (provider is CudaExecutionProvider cuda)
                {
                    AppendCuda(api, options, cuda);
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
            api.UpdateCudaProviderOptions(cudaOptions, keys, values, (nuint)pairs.Length);
            api.AppendCudaProvider(sessionOptions, cudaOptions);
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
}
