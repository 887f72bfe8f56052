using System.Diagnostics;
using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>The <c>OrtMemoryInfo</c> a session binds its output to, from <see cref="SessionConfig.OutputBinding"/>.</summary>
internal static unsafe class OutputMemoryInfo
{
    /// <summary>
    /// ORT's name for page-locked host memory owned by the CUDA provider (<c>CUDA_PINNED</c> in ORT's allocator.h;
    /// the name the official bindings pass). ORT reads only the device from a memory info given to BindOutputToDevice.
    /// </summary>
    private static ReadOnlySpan<byte> CudaPinnedName => "CudaPinned"u8;

    /// <summary>
    /// Refuses a binding the session cannot honour. ORT itself does not: the builds we have tested (1.29.0 to 1.32.0) accept
    /// a CudaPinned output on a CPU-only session and run, so the setting would silently do nothing.
    /// </summary>
    /// <exception cref="ArgumentException">CudaPinned without the CUDA provider, or an unknown value.</exception>
    public static void Validate(SessionConfig config)
    {
        if (!Enum.IsDefined(config.OutputBinding))
        {
            throw new ArgumentException($"SessionConfig.OutputBinding {config.OutputBinding} is not one of None, Cpu, CudaPinned.", nameof(config));
        }
        if (config.OutputBinding == OutputBinding.CudaPinned && CudaProvider(config) is null)
        {
            throw new ArgumentException(
                "SessionConfig.OutputBinding is CudaPinned, but CUDA-pinned memory belongs to the CUDA execution provider and ExecutionProviders has none: use OutputBinding.None (or Cpu) on the CPU.",
                nameof(config));
        }
    }

    /// <summary>Null for <see cref="OutputBinding.None"/>; otherwise a memory info the session owns. <see cref="Validate"/> has passed.</summary>
    /// <exception cref="OrtException">ORT refuses the memory info.</exception>
    public static OrtMemoryInfoHandle? Create(OrtApi api, SessionConfig config)
    {
        switch (config.OutputBinding)
        {
            case OutputBinding.None:
                return null;
            case OutputBinding.Cpu:
                return api.CreateCpuMemoryInfo(OrtAllocatorType.Arena, OrtMemType.Default);
            case OutputBinding.CudaPinned:
                // Pinned memory belongs to a CUDA device: the one the session's CUDA provider runs on.
                int deviceId = CudaProvider(config)!.DeviceId;
                fixed (byte* name = CudaPinnedName)
                {
                    return api.CreateMemoryInfo(name, OrtAllocatorType.Device, deviceId, OrtMemType.CpuOutput);
                }
            default:
                throw new UnreachableException();
        }
    }

    private static CudaExecutionProvider? CudaProvider(SessionConfig config) => config.ExecutionProviders.OfType<CudaExecutionProvider>().FirstOrDefault();
}
