using System.Globalization;
using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Appliance.Configuration;

/// <summary>Turns the "Inference" section into engine options, refusing bad values with the setting's name.</summary>
public static class InferenceOptionsMapping
{
    /// <param name="onDeviceFallback">Told once for each GPU provider auto tried and could not use, with why.</param>
    /// <exception cref="ArgumentException">A setting has a value we do not know or is out of range; the message names the setting and what it accepts.</exception>
    public static OcrEngineOptions ToEngineOptions(this InferenceSettings settings, Action<DeviceFallback>? onDeviceFallback = null)
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
        if (settings.ReleaseMemoryAfterIdleSeconds < 0)
        {
            throw new ArgumentException("Inference:ReleaseMemoryAfterIdleSeconds must be 0 (keep it) or more.");
        }
        if (settings.TensorRtWorkspaceMb < 0)
        {
            throw new ArgumentException("Inference:TensorRtWorkspaceMb must be 0 (TensorRT's own limit) or more.");
        }
        return new OcrEngineOptions
        {
            ModelsDirectory = NullIfEmpty(settings.ModelsDirectory),
            OrtLibraryPath = NullIfEmpty(settings.OrtLibraryPath),
            IntraOpThreads = settings.Threads,
            CpuMemoryArena = settings.CpuMemoryArena,
            Device = device,
            Cuda = new CudaExecutionProvider
            {
                DeviceId = settings.CudaDeviceId,
                ConvAlgoSearch = search,
                GpuMemoryLimitBytes = settings.GpuMemoryLimitMb > 0 ? settings.GpuMemoryLimitMb * 1024 * 1024 : null,
            },
            TensorRt = new TensorRtExecutionProvider
            {
                DeviceId = settings.CudaDeviceId,
                EngineCacheDirectory = NullIfEmpty(settings.TensorRtCacheDirectory) ?? TensorRtEngineCache.DefaultDirectory(),
                Fp16 = settings.TensorRtFp16,
                MaxWorkspaceBytes = settings.TensorRtWorkspaceMb > 0 ? settings.TensorRtWorkspaceMb * 1024 * 1024 : null,
            },
            TensorRtMaxRecognitionWidth = settings.TensorRtMaxRecognitionWidth,
            CudaIoBinding = settings.CudaIoBinding,
            ModelRunner = runner,
            GpuBatching = GpuBatching(settings),
            BatchMaxWait = settings.BatchMaxWaitMs >= 0 ? TimeSpan.FromMilliseconds(settings.BatchMaxWaitMs) : null,
            OnDeviceFallback = onDeviceFallback,
        };
    }

    /// <summary>The GPU default batching with the section's buckets, width step, batch limits and runners.</summary>
    private static EngineBatching GpuBatching(InferenceSettings settings)
    {
        if (settings.GpuDetectionMaxBatch < 1 || settings.GpuRecognitionMaxBatch < 1 || settings.GpuBatchRunners < 1)
        {
            throw new ArgumentException("Inference:GpuDetectionMaxBatch, Inference:GpuRecognitionMaxBatch and Inference:GpuBatchRunners must be 1 or more.");
        }
        if (settings.RecognitionWidthStep < 32 || settings.RecognitionWidthStep % 32 != 0)
        {
            throw new ArgumentException($"Inference:RecognitionWidthStep is {settings.RecognitionWidthStep}; use a multiple of 32.");
        }
        EngineBatching gpu = EngineBatching.ForGpu();
        return gpu with
        {
            Detection = gpu.Detection with { MaxBatch = settings.GpuDetectionMaxBatch, Runners = settings.GpuBatchRunners },
            Classification = gpu.Classification with { MaxBatch = settings.GpuRecognitionMaxBatch, Runners = settings.GpuBatchRunners },
            Recognition = gpu.Recognition with { MaxBatch = settings.GpuRecognitionMaxBatch, Runners = settings.GpuBatchRunners },
            DetectionBuckets = ParseBuckets(settings.DetectionBuckets),
            RecognitionWidthStep = settings.RecognitionWidthStep,
        };
    }

    /// <summary>"320,480,..." (commas or blanks between), or "none" / empty for no buckets.</summary>
    private static DetectionBuckets ParseBuckets(string text)
    {
        string trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return DetectionBuckets.None;
        }
        var sides = new List<int>();
        foreach (string part in trimmed.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int side) || side <= 0 || side % 32 != 0)
            {
                throw new ArgumentException($"Inference:DetectionBuckets is '{text}'; use sides in pixels that are multiples of 32, separated by commas (or none).");
            }
            sides.Add(side);
        }
        return new DetectionBuckets(sides);
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
