using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Devices;

/// <summary>
/// Checks, before any session is built, that ONNX Runtime's CUDA provider can load: the runtime has the
/// provider bridge, the two provider libraries sit beside it (where ORT looks for them), and the dynamic
/// loader resolves their dependencies (CUDA 13's cudart, cuBLAS, cuBLASLt, cuRAND and the driver's libcuda).
/// ORT's own message for a missing dependency is generic; ours names the library.
/// </summary>
public static partial class CudaProviderProbe
{
    /// <summary>The provider's name in <see cref="OrtRuntime.GetAvailableProviders"/>.</summary>
    public const string ProviderName = "CUDAExecutionProvider";

    /// <summary>The provider bridge's shared part, loaded before any provider.</summary>
    public const string SharedLibrary = "libonnxruntime_providers_shared.so";

    /// <summary>The CUDA execution provider.</summary>
    public const string CudaLibrary = "libonnxruntime_providers_cuda.so";

    /// <summary>Where the GPU set-up is described, for messages.</summary>
    private const string SeeDocs = "see deploy/gpu/README.md";

    /// <summary>Null when the CUDA provider's libraries load; otherwise why not, naming the library.</summary>
    public static string? Check(OrtRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Check(runtime.LibraryPath, runtime.Version, runtime.GetAvailableProviders());
    }

    /// <summary>The same check for a runtime at <paramref name="ortLibraryPath"/> offering <paramref name="providers"/>.</summary>
    /// <remarks>
    /// The provider list alone cannot decide: a build with the provider bridge may list only the CPU provider and still
    /// load CUDA's from beside itself (the ORT 1.29 Unity build did).
    /// </remarks>
    public static string? Check(string ortLibraryPath, string version, IReadOnlyList<string> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        // A bare name was found by the loader's search path: ORT looks beside wherever that was, which we cannot
        // see, so ORT's own error (at session creation) is the only check.
        if (!Path.IsPathRooted(ortLibraryPath))
        {
            return null;
        }
        string folder = Path.GetDirectoryName(ortLibraryPath)!;
        foreach (string name in (ReadOnlySpan<string>)[CudaLibrary, SharedLibrary])
        {
            if (!File.Exists(Path.Combine(folder, name)))
            {
                string build = providers.Contains(ProviderName)
                    ? string.Empty
                    : $" ONNX Runtime {version} there does not list the CUDA provider either (it offers {string.Join(", ", providers)}): deploy/gpu/fetch-ort-gpu.sh lays out the CUDA/TensorRT build.";
                return $"{name} is missing: ONNX Runtime loads it from the folder of '{ortLibraryPath}'.{build} ({SeeDocs})";
            }
        }
        // The bridge's shared part first, as ORT loads it.
        foreach (string name in (ReadOnlySpan<string>)[SharedLibrary, CudaLibrary])
        {
            string file = Path.Combine(folder, name);
            if (!NativeLibrary.TryLoad(file, out nint handle))
            {
                return DescribeLoadFailure(name, file);
            }
            // ORT loads it again itself; the loader keeps one copy, so this only drops our reference.
            NativeLibrary.Free(handle);
        }
        return null;
    }

    /// <summary>Loads <paramref name="file"/> once more to get the loader's error, and names the dependency it lacks.</summary>
    private static string DescribeLoadFailure(string name, string file)
    {
        string error;
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(file));
            error = "it loaded on a second try";
        }
        catch (DllNotFoundException e)
        {
            error = e.Message;
        }
        Match missing = MissingDependency().Match(error);
        if (missing.Success && !file.EndsWith(missing.Groups["name"].Value, StringComparison.Ordinal))
        {
            return $"{name} cannot be loaded: it needs {missing.Groups["name"].Value}, which the dynamic loader does not find " +
                   $"(install the CUDA 13 / cuDNN 9 runtime libraries or add their folder to LD_LIBRARY_PATH; {SeeDocs}). Loader: {LastLine(error)}";
        }
        return $"{name} cannot be loaded ({SeeDocs}). Loader: {LastLine(error)}";
    }

    private static string LastLine(string message)
    {
        string trimmed = message.TrimEnd();
        int newline = trimmed.LastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed[(newline + 1)..].Trim();
    }

    // glibc's dlerror for an unresolved DT_NEEDED entry: "libcudart.so.13: cannot open shared object file: ...".
    [GeneratedRegex(@"(?<name>[^\s:/]+\.so(\.[0-9]+)*): cannot open shared object file")]
    private static partial Regex MissingDependency();
}
