using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Devices;

/// <summary>
/// Checks, before any session is built, that one of ONNX Runtime's GPU providers can load: the provider library and
/// the bridge's shared part sit beside libonnxruntime.so (where ORT looks for them), the dynamic loader resolves
/// their dependencies (CUDA 13, cuDNN 9, TensorRT 10, the driver's libcuda), and, for the CUDA 13 build, the libraries
/// the provider opens only when a session starts (cuDNN for CUDA) are there too. ORT's own message for a missing dependency is generic; ours
/// names the library.
/// </summary>
public static partial class ProviderProbe
{
    /// <summary>The provider bridge's shared part, loaded before any provider.</summary>
    public const string SharedLibrary = "libonnxruntime_providers_shared.so";

    /// <summary>Where the GPU set-up is described, for messages.</summary>
    private const string SeeDocs = "see deploy/gpu/README.md";

    /// <summary>
    /// Where a GPU build of ONNX Runtime comes from on this machine: NuGet's CUDA/TensorRT natives exist for linux-x64
    /// only, so on arm64 (a Jetson) it is an ORT built on the box for JetPack.
    /// </summary>
    private static string GpuBuildHint => RuntimeInformation.ProcessArchitecture == Architecture.Arm64
        ? "on a Jetson, use an ONNX Runtime built for JetPack with Inference:OrtLibraryPath or MAOOCR_ORT_LIBRARY (deploy/jetson/README.md)."
        : "the CUDA/TensorRT build comes with -p:MaoOcrGpu=true or deploy/gpu/fetch-ort-gpu.sh.";

    /// <summary>Null when <paramref name="provider"/>'s libraries load; otherwise why not, naming the library.</summary>
    public static string? Check(OrtRuntime runtime, GpuProvider provider)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Check(runtime.LibraryPath, runtime.Version, runtime.GetAvailableProviders(), provider);
    }

    /// <summary>The same check for a runtime at <paramref name="ortLibraryPath"/> offering <paramref name="providers"/>.</summary>
    /// <remarks>
    /// The provider list alone cannot decide: a build with the provider bridge may list only the CPU provider and still
    /// load a GPU provider from beside itself (the ORT 1.29 Unity build did), and a build that lists one cannot use it
    /// without the box's runtime libraries.
    /// </remarks>
    public static string? Check(string ortLibraryPath, string version, IReadOnlyList<string> providers, GpuProvider provider)
    {
        ArgumentNullException.ThrowIfNull(providers);
        ArgumentNullException.ThrowIfNull(provider);
        // A bare name was found by the loader's search path: ORT looks beside wherever that was, which we cannot
        // see, so ORT's own error (at session creation) is the only check.
        if (!Path.IsPathRooted(ortLibraryPath))
        {
            return null;
        }
        string folder = Path.GetDirectoryName(ortLibraryPath)!;
        foreach (string name in (ReadOnlySpan<string>)[provider.Library, SharedLibrary])
        {
            if (!File.Exists(Path.Combine(folder, name)))
            {
                string build = providers.Contains(provider.ProviderName)
                    ? string.Empty
                    : $" ONNX Runtime {version} there does not list the {provider.DisplayName} provider either (it offers {string.Join(", ", providers)}): " +
                      GpuBuildHint;
                return $"{name} is missing: ONNX Runtime loads it from the folder of '{ortLibraryPath}'.{build} ({SeeDocs})";
            }
        }
        // The bridge's shared part first, as ORT loads it.
        foreach (string name in (ReadOnlySpan<string>)[SharedLibrary, provider.Library])
        {
            string file = Path.Combine(folder, name);
            if (!NativeLibrary.TryLoad(file, out nint handle))
            {
                return DescribeLoadFailure(name, file, provider);
            }
            // The provider loaded: every library it links resolved. What it opens only when a session starts (cuDNN) is
            // looked up by name, for the CUDA 13 build those names belong to: the libcudart it brought in says which.
            string? missing = name == provider.Library && LoadedLibraries.PathOf(GpuProvider.CudaRuntime) is not null
                ? provider.OpenedWhenSessionsStart.FirstOrDefault(library => !TryLoadByName(library))
                : null;
            // ORT loads it again itself; the loader keeps one copy, so this only drops our reference.
            NativeLibrary.Free(handle);
            if (missing is not null)
            {
                return $"{provider.Library} loads, but {missing}, which it opens when a session starts, is not found by the dynamic loader " +
                       $"(install the {provider.Runtime} runtime libraries or add their folder to LD_LIBRARY_PATH; {SeeDocs}).";
            }
        }
        return null;
    }

    /// <summary>Whether the dynamic loader finds <paramref name="soname"/> by its name alone, as a provider's dependency is found.</summary>
    internal static bool TryLoadByName(string soname)
    {
        if (!NativeLibrary.TryLoad(soname, out nint handle))
        {
            return false;
        }
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>Loads <paramref name="file"/> once more to get the loader's error, and names the dependency it lacks.</summary>
    private static string DescribeLoadFailure(string name, string file, GpuProvider provider)
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
                   $"(install the {provider.Runtime} runtime libraries or add their folder to LD_LIBRARY_PATH; {SeeDocs}). Loader: {LastLine(error)}";
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
