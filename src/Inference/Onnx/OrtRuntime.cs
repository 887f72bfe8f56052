using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One loaded ONNX Runtime native library, its <c>OrtApi</c> table and its <c>OrtEnv</c>.
/// Loaded once per library path and kept for the life of the process: ORT wants its environment to
/// outlive every session, and the appliance never unloads it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Process-lifetime by design: ORT requires the env to outlive all sessions.")]
public sealed unsafe class OrtRuntime
{
    /// <summary>
    /// The <c>OrtApi</c> version we ask for: the lowest that has every slot we call. The newest slots we
    /// call are the CUDA provider options V2 (<see cref="OrtApiSlots.CreateCudaProviderOptions"/>), added in ORT 1.11.
    /// </summary>
    public const uint MinimumApiVersion = 11;

    /// <summary>The environment variable that points at a libonnxruntime.so to use instead of the bundled CPU build.</summary>
    public const string LibraryPathVariable = "MAOOCR_ORT_LIBRARY";

    private const string DefaultLibraryName = "libonnxruntime.so";

    private static readonly ConcurrentDictionary<string, Lazy<OrtRuntime>> s_loaded = new(StringComparer.Ordinal);

    private OrtRuntime(string libraryPath, string version, OrtApi api, OrtLoggingLevel logLevel)
    {
        LibraryPath = libraryPath;
        Version = version;
        Api = api;
        fixed (byte* logId = "maoocr"u8)
        {
            Env = api.CreateEnv(logLevel, logId);
        }
        CpuMemoryInfo = api.CreateCpuMemoryInfo(OrtAllocatorType.Arena, OrtMemType.Default);
    }

    /// <summary>The file that was loaded.</summary>
    public string LibraryPath { get; }

    /// <summary>The native library's own version string, for example "1.32.0".</summary>
    public string Version { get; }

    internal OrtApi Api { get; }

    /// <summary>The environment every session of this library is made in; kept for the life of the process, like the runtime.</summary>
    internal OrtEnvHandle Env { get; }

    /// <summary>ORT's CPU arena memory, which input tensors over our pinned buffers are described with.</summary>
    internal OrtMemoryInfoHandle CpuMemoryInfo { get; }

    /// <summary>
    /// Loads (once) and returns the runtime at <paramref name="libraryPath"/>; when null, the path in
    /// <c>MAOOCR_ORT_LIBRARY</c>, else the libonnxruntime.so beside the application, else the system's.
    /// </summary>
    /// <exception cref="OrtLibraryException">The library cannot be loaded, has no <c>OrtGetApiBase</c>, or is older than API <see cref="MinimumApiVersion"/>.</exception>
    public static OrtRuntime Load(string? libraryPath = null, OrtLoggingLevel logLevel = OrtLoggingLevel.Warning)
    {
        string path = ResolveLibraryPath(libraryPath);
        Lazy<OrtRuntime> entry = s_loaded.GetOrAdd(path, p => new Lazy<OrtRuntime>(() => LoadCore(p, logLevel)));
        try
        {
            return entry.Value;
        }
        catch (Exception e) when (e is OrtLibraryException or OrtException)
        {
            // A failed load is not remembered: the library may be installed or fixed while we run.
            s_loaded.TryRemove(new KeyValuePair<string, Lazy<OrtRuntime>>(path, entry));
            throw;
        }
    }

    /// <summary>The execution providers compiled into this build, such as CPUExecutionProvider or CUDAExecutionProvider.</summary>
    public IReadOnlyList<string> GetAvailableProviders() => Api.GetAvailableProviders();

    internal static string ResolveLibraryPath(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        string? fromEnvironment = Environment.GetEnvironmentVariable(LibraryPathVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        string beside = Path.Combine(AppContext.BaseDirectory, DefaultLibraryName);
        // A bare name lets the dynamic loader find an ORT installed system-wide (ldconfig, LD_LIBRARY_PATH).
        return File.Exists(beside) ? beside : DefaultLibraryName;
    }

    private static OrtRuntime LoadCore(string path, OrtLoggingLevel logLevel)
    {
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (DllNotFoundException e)
        {
            throw new OrtLibraryException(
                $"Cannot load ONNX Runtime from '{path}': {e.Message}. Point {LibraryPathVariable} (or --ort-library, or Inference:OrtLibraryPath for the server) at a libonnxruntime.so.", e);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out nint getApiBaseExport))
        {
            throw new OrtLibraryException($"'{path}' is not ONNX Runtime: it does not export OrtGetApiBase.");
        }

        var apiBase = (OrtApiBase*)((delegate* unmanaged<nint>)getApiBaseExport)();
        string version = Marshal.PtrToStringUTF8(apiBase->GetVersionString()) ?? "unknown";
        void* table = apiBase->GetApi(MinimumApiVersion);
        if (table == null)
        {
            throw new OrtLibraryException(
                $"ONNX Runtime {version} at '{path}' does not provide OrtApi version {MinimumApiVersion}; MaoOCR needs ONNX Runtime 1.{MinimumApiVersion} or newer.");
        }
        return new OrtRuntime(path, version, new OrtApi(table), logLevel);
    }

    /// <summary>Mirrors <c>struct OrtApiBase</c>: two function pointers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct OrtApiBase
    {
        public readonly delegate* unmanaged<uint, void*> GetApi;
        public readonly delegate* unmanaged<nint> GetVersionString;
    }
}
