using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Models;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The three model sessions on the chosen device. CUDA is tried when asked for (or for auto): the provider
/// libraries are probed first, then the sessions are built with the CUDA provider, which fails when no GPU
/// answers. For auto, any failure falls back to the CPU, reported once through <see cref="OcrEngineOptions.OnCpuFallback"/>.
/// </summary>
internal sealed class EngineSessions
{
    private EngineSessions(InferenceDevice device, string? fallbackReason, OrtSession detection, OrtSession classifier, OrtSession recognition)
    {
        Device = device;
        FallbackReason = fallbackReason;
        Detection = detection;
        Classifier = classifier;
        Recognition = recognition;
    }

    /// <summary><see cref="InferenceDevice.Cpu"/> or <see cref="InferenceDevice.Cuda"/>: what the sessions run on.</summary>
    public InferenceDevice Device { get; }

    /// <summary>Why auto settled on the CPU; null otherwise.</summary>
    public string? FallbackReason { get; }

    public OrtSession Detection { get; }

    public OrtSession Classifier { get; }

    public OrtSession Recognition { get; }

    /// <exception cref="DeviceUnavailableException">CUDA was required and cannot be used.</exception>
    /// <exception cref="OrtException">ORT refuses a model on the CPU.</exception>
    public static EngineSessions Create(OrtRuntime runtime, ModelPaths models, OcrEngineOptions options)
    {
        SessionConfig cpu = ConfigFor(InferenceDevice.Cpu, options);
        if (options.Device == InferenceDevice.Cpu)
        {
            return Build(runtime, models, cpu, InferenceDevice.Cpu, null);
        }

        string? reason = CudaProviderProbe.Check(runtime);
        if (reason is null)
        {
            SessionConfig cuda = ConfigFor(InferenceDevice.Cuda, options);
            try
            {
                return Build(runtime, models, cuda, InferenceDevice.Cuda, null);
            }
            catch (OrtException e)
            {
                reason = $"the CUDA execution provider did not start: {e.Message}";
            }
        }

        if (options.Device == InferenceDevice.Cuda)
        {
            throw new DeviceUnavailableException($"Inference:Device is cuda, but CUDA cannot be used: {reason}");
        }
        options.OnCpuFallback?.Invoke(reason);
        return Build(runtime, models, cpu, InferenceDevice.Cpu, reason);
    }

    /// <summary>The session settings for <paramref name="device"/> (Cpu or Cuda).</summary>
    internal static SessionConfig ConfigFor(InferenceDevice device, OcrEngineOptions options)
    {
        if (device != InferenceDevice.Cuda)
        {
            // The plain Run: on the CPU the input is already built over our buffer and the output read in place,
            // so an IO binding has no copy to save (see OutputBinding.None).
            return new SessionConfig { IntraOpThreads = options.IntraOpThreads, OptimizationLevel = options.OptimizationLevel };
        }
        // ORT still places what CUDA cannot run on the CPU; its CPU threads then only do that.
        return new SessionConfig
        {
            IntraOpThreads = options.IntraOpThreads,
            OptimizationLevel = options.OptimizationLevel,
            ExecutionProviders = [options.Cuda],
            OutputBinding = options.CudaIoBinding ? OutputBinding.CudaPinned : OutputBinding.None,
        };
    }

    private static EngineSessions Build(OrtRuntime runtime, ModelPaths models, SessionConfig config, InferenceDevice device, string? reason)
    {
        var sessions = new List<OrtSession>(3);
        try
        {
            sessions.Add(OrtSession.Create(runtime, models.Detection, config));
            sessions.Add(OrtSession.Create(runtime, models.Classifier, config));
            sessions.Add(OrtSession.Create(runtime, models.Recognition, config));
            return new EngineSessions(device, reason, sessions[0], sessions[1], sessions[2]);
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
