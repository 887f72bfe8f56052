using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Appliance.Configuration;

/// <summary>Turns the "Inference" section into engine options, refusing bad values with the setting's name.</summary>
public static class InferenceOptionsMapping
{
    /// <param name="onCpuFallback">Told once why auto settled on the CPU.</param>
    /// <exception cref="ArgumentException">A setting has a value we do not know; the message names the setting and the accepted values.</exception>
    public static OcrEngineOptions ToEngineOptions(this InferenceSettings settings, Action<string>? onCpuFallback = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!InferenceDeviceParser.TryParse(settings.Device, out InferenceDevice device))
        {
            throw new ArgumentException($"Inference:Device is '{settings.Device}'; use one of {InferenceDeviceParser.Accepted}.");
        }
        CudnnConvAlgoSearch search = settings.CudnnConvAlgoSearch.Trim().ToUpperInvariant() switch
        {
            "" or "HEURISTIC" => CudnnConvAlgoSearch.Heuristic,
            "DEFAULT" => CudnnConvAlgoSearch.Default,
            "EXHAUSTIVE" => CudnnConvAlgoSearch.Exhaustive,
            _ => throw new ArgumentException($"Inference:CudnnConvAlgoSearch is '{settings.CudnnConvAlgoSearch}'; use heuristic or default (or exhaustive, for fixed shapes only)."),
        };
        ModelRunnerKind runner = settings.ModelRunner.Trim().ToUpperInvariant() switch
        {
            "" or "AUTO" => ModelRunnerKind.Auto,
            "DIRECT" => ModelRunnerKind.Direct,
            "BATCHING" => ModelRunnerKind.Batching,
            _ => throw new ArgumentException($"Inference:ModelRunner is '{settings.ModelRunner}'; use auto, direct or batching."),
        };
        if (settings.GpuMemoryLimitMb < 0 || settings.CudaDeviceId < 0 || settings.BatchMaxWaitMs < -1 || settings.BatchMaxWaitMs > 1000)
        {
            throw new ArgumentException("Inference:GpuMemoryLimitMb and Inference:CudaDeviceId must be 0 or more, Inference:BatchMaxWaitMs -1 (device default) to 1000.");
        }
        return new OcrEngineOptions
        {
            ModelsDirectory = NullIfEmpty(settings.ModelsDirectory),
            OrtLibraryPath = NullIfEmpty(settings.OrtLibraryPath),
            IntraOpThreads = settings.Threads,
            Device = device,
            Cuda = new CudaExecutionProvider
            {
                DeviceId = settings.CudaDeviceId,
                ConvAlgoSearch = search,
                GpuMemoryLimitBytes = settings.GpuMemoryLimitMb > 0 ? settings.GpuMemoryLimitMb * 1024 * 1024 : null,
            },
            CudaIoBinding = settings.CudaIoBinding,
            ModelRunner = runner,
            BatchMaxWait = settings.BatchMaxWaitMs >= 0 ? TimeSpan.FromMilliseconds(settings.BatchMaxWaitMs) : null,
            OnCpuFallback = onCpuFallback,
        };
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
