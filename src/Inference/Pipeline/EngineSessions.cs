using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The three model sessions on the chosen device. Each GPU provider asked for (auto: TensorRT, then CUDA) is probed
/// first (its libraries and their dependencies), then the sessions are built with it, which fails when no GPU answers.
/// For auto, each provider that fails is reported once through <see cref="OcrEngineOptions.OnDeviceFallback"/> and the
/// next is tried, the CPU last; a device named explicitly fails with the reason instead.
/// </summary>
internal sealed class EngineSessions
{
    private EngineSessions(InferenceDevice device, IReadOnlyList<DeviceFallback> fallbacks, OrtSession detection, OrtSession classifier, OrtSession recognition)
    {
        Device = device;
        Fallbacks = fallbacks;
        Detection = detection;
        Classifier = classifier;
        Recognition = recognition;
    }

    /// <summary><see cref="InferenceDevice.Cpu"/>, <see cref="InferenceDevice.Cuda"/> or <see cref="InferenceDevice.TensorRt"/>: what the sessions run on.</summary>
    public InferenceDevice Device { get; }

    /// <summary>The GPU providers auto tried and could not use, in the order tried; empty otherwise.</summary>
    public IReadOnlyList<DeviceFallback> Fallbacks { get; }

    public OrtSession Detection { get; }

    public OrtSession Classifier { get; }

    public OrtSession Recognition { get; }

    /// <exception cref="DeviceUnavailableException">CUDA or TensorRT was required and cannot be used.</exception>
    /// <exception cref="OrtException">ORT refuses a model on the CPU.</exception>
    public static EngineSessions Create(OrtRuntime runtime, ModelPaths models, OcrEngineOptions options)
    {
        var fallbacks = new List<DeviceFallback>();
        foreach (GpuProvider gpu in Candidates(options.Device))
        {
            string? reason = ProviderProbe.Check(runtime, gpu);
            if (reason is null)
            {
                try
                {
                    return Build(runtime, models, gpu.Device, options, fallbacks);
                }
                catch (OrtException e)
                {
                    reason = $"the {gpu.DisplayName} execution provider did not start: {e.Message}";
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    reason = $"the TensorRT engine cache folder '{options.TensorRt.EngineCacheDirectory}' cannot be made: {e.Message}";
                }
            }
            if (options.Device != InferenceDevice.Auto)
            {
                throw new DeviceUnavailableException($"Inference:Device is {options.Device.SettingName()}, but {gpu.DisplayName} cannot be used: {reason}");
            }
            var fallback = new DeviceFallback(gpu.Device, reason);
            fallbacks.Add(fallback);
            options.OnDeviceFallback?.Invoke(fallback);
        }
        return Build(runtime, models, InferenceDevice.Cpu, options, fallbacks);
    }

    /// <summary>The GPU providers to try for <paramref name="device"/>, in order; none for the CPU.</summary>
    internal static IReadOnlyList<GpuProvider> Candidates(InferenceDevice device) => device switch
    {
        InferenceDevice.Auto => GpuProvider.All,
        InferenceDevice.Cpu => [],
        _ => [GpuProvider.For(device)],
    };

    /// <summary>
    /// The session settings of one model on <paramref name="device"/> (Cpu, Cuda or TensorRt); <paramref name="profile"/>
    /// is that model's TensorRT shape profile, used on TensorRt only.
    /// </summary>
    internal static SessionConfig ConfigFor(InferenceDevice device, OcrEngineOptions options, TensorRtShapeProfile? profile = null)
    {
        if (!device.IsGpu())
        {
            // The plain Run: on the CPU the input is already built over our buffer and the output read in place,
            // so an IO binding has no copy to save (see OutputBinding.None).
            return new SessionConfig
            {
                IntraOpThreads = options.IntraOpThreads,
                OptimizationLevel = options.OptimizationLevel,
                EnableCpuMemArena = options.CpuMemoryArena,
                // A pattern is planned per input shape and kept for the session's life; it only pays with the arena.
                EnableMemoryPattern = options.CpuMemoryArena,
            };
        }
        // ORT still places what the GPU providers cannot run on the CPU; its CPU threads then only do that. Under
        // TensorRT, the CUDA provider takes what TensorRT does not.
        return new SessionConfig
        {
            IntraOpThreads = options.IntraOpThreads,
            OptimizationLevel = options.OptimizationLevel,
            ExecutionProviders = device == InferenceDevice.TensorRt
                ? [options.TensorRt with { ShapeProfile = profile }, options.Cuda]
                : [options.Cuda],
            OutputBinding = options.CudaIoBinding ? OutputBinding.CudaPinned : OutputBinding.None,
        };
    }

    private static EngineSessions Build(OrtRuntime runtime, ModelPaths models, InferenceDevice device, OcrEngineOptions options, IReadOnlyList<DeviceFallback> fallbacks)
    {
        SessionConfig detection, classifier, recognition;
        if (device == InferenceDevice.TensorRt)
        {
            if (options.TensorRt.EngineCacheDirectory is { Length: > 0 } cache)
            {
                // TensorRT makes the last folder only, not its parents.
                Directory.CreateDirectory(cache);
            }
            // The shapes the runners will send: the batching that EngineRunners will put in front of the sessions.
            EngineBatching? batching = EngineRunners.KindFor(options.ModelRunner, device) == ModelRunnerKind.Batching ? EngineRunners.BatchingFor(device, options) : null;
            detection = ConfigFor(device, options, TensorRtProfiles.Detection(batching));
            classifier = ConfigFor(device, options, TensorRtProfiles.Classifier(batching, options.ClassifierBatchSize));
            recognition = ConfigFor(device, options, TensorRtProfiles.Recognition(batching, options.RecognitionBatchSize, options.TensorRtMaxRecognitionWidth));
        }
        else
        {
            detection = classifier = recognition = ConfigFor(device, options);
        }
        var sessions = new List<OrtSession>(3);
        try
        {
            sessions.Add(OrtSession.Create(runtime, models.Detection, detection));
            sessions.Add(OrtSession.Create(runtime, models.Classifier, classifier));
            sessions.Add(OrtSession.Create(runtime, models.Recognition, recognition));
            return new EngineSessions(device, fallbacks, sessions[0], sessions[1], sessions[2]);
        }
        catch
        {
            foreach (OrtSession session in sessions)
            {
                session.Dispose();
            }
            throw;
        }
    }
}
