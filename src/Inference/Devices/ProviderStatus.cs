using System.Runtime.InteropServices;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Devices;

/// <summary>
/// Whether one GPU provider is usable with a given ONNX Runtime on this box, and where each runtime library it needs
/// was found: what <c>maoocr version</c> prints. Usable means its libraries and their dependencies load; whether a
/// GPU answers is known only when the sessions start.
/// </summary>
/// <param name="Provider">The provider described.</param>
/// <param name="Listed">Whether the runtime lists it in <c>GetAvailableProviders</c> (compiled in).</param>
/// <param name="Probed">
/// False when ONNX Runtime was found by the loader's search path (a bare library name): its folder, where the provider
/// libraries would be, is unknown, so only ORT can tell when the models load.
/// </param>
/// <param name="Problem">Null when usable (or not probed); otherwise <see cref="ProviderProbe"/>'s reason.</param>
/// <param name="Libraries">Each of <see cref="GpuProvider.RuntimeLibraries"/> with the file the loader found, or null when it finds none.</param>
public sealed record ProviderStatus(GpuProvider Provider, bool Listed, bool Probed, string? Problem, IReadOnlyList<KeyValuePair<string, string?>> Libraries)
{
    public bool Usable => Probed && Problem is null;

    /// <summary>Probes <paramref name="provider"/> for <paramref name="runtime"/>, then looks up each runtime library by name.</summary>
    public static ProviderStatus Describe(OrtRuntime runtime, GpuProvider provider)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(provider);
        string? problem = ProviderProbe.Check(runtime, provider);
        var libraries = new List<KeyValuePair<string, string?>>(provider.RuntimeLibraries.Count);
        foreach (string soname in provider.RuntimeLibraries)
        {
            string? path = null;
            if (NativeLibrary.TryLoad(soname, out nint handle))
            {
                path = LoadedLibraries.PathOf(soname) ?? soname;
                NativeLibrary.Free(handle);
            }
            libraries.Add(new(soname, path));
        }
        bool probed = Path.IsPathRooted(runtime.LibraryPath);
        return new ProviderStatus(provider, runtime.GetAvailableProviders().Contains(provider.ProviderName), probed, problem, libraries);
    }
}
