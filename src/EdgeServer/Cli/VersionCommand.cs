using System.Reflection;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>
/// <c>maoocr version</c>: our version, the release's BUILDINFO when there is one, the zlib permessage-deflate runs on, the ORT that would be loaded with the providers
/// compiled into it, and whether each GPU provider is usable on this box, with every runtime library it needs and where
/// the dynamic loader found it.
/// </summary>
internal static class VersionCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliOptions.TryParse(args, out CliOptions options, out string? error))
        {
            stderr.WriteLine($"maoocr version: {error}");
            return CommandLine.UsageError;
        }
        string version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        stdout.WriteLine($"maoocr {version}");
        WriteBuildInfo(BuildInfo.Read(AppContext.BaseDirectory), stdout);
        stdout.WriteLine(ZlibDiagnostics.Describe());
        try
        {
            OrtRuntime runtime = OrtRuntime.Load(options.OrtLibrary);
            stdout.WriteLine($"onnxruntime {runtime.Version} ({runtime.LibraryPath}); providers: {string.Join(", ", runtime.GetAvailableProviders())}");
            foreach (GpuProvider provider in GpuProvider.All)
            {
                WriteStatus(ProviderStatus.Describe(runtime, provider), stdout);
            }
            stdout.WriteLine("cpu: usable");
            return CommandLine.Success;
        }
        catch (Exception e) when (e is OrtLibraryException or OrtException)
        {
            stderr.WriteLine($"maoocr: {e.Message}");
            return CommandLine.UsageError;
        }
    }

    /// <summary>The release's BUILDINFO, indented under one heading; a developer build says it has none.</summary>
    internal static void WriteBuildInfo(IReadOnlyList<string>? lines, TextWriter stdout)
    {
        if (lines is null)
        {
            stdout.WriteLine("build: a developer build (no BUILDINFO beside the binary)");
            return;
        }
        stdout.WriteLine("build (BUILDINFO):");
        foreach (string line in lines)
        {
            stdout.WriteLine("  " + line);
        }
    }

    /// <summary>
    /// One line per provider, in the order auto tries them: usable (its libraries and their dependencies load; the GPU
    /// itself answers only when sessions start) or why not; then each runtime library it needs and where the loader found it.
    /// </summary>
    private static void WriteStatus(ProviderStatus status, TextWriter stdout)
    {
        string name = status.Provider.Device.SettingName();
        string listed = status.Listed ? string.Empty : $" ({status.Provider.ProviderName} is not compiled into this ONNX Runtime)";
        stdout.WriteLine(
            !status.Probed ? $"{name}: not checked{listed}: ONNX Runtime was found on the loader's search path, so the folder of its provider libraries is unknown (ORT tells when the models load)"
            : status.Usable ? $"{name}: usable: {status.Provider.Library} and the {status.Provider.Runtime} libraries load (the GPU is checked when the models load)"
            : $"{name}: not usable{listed}: {status.Problem}");
        foreach ((string soname, string? path) in status.Libraries)
        {
            stdout.WriteLine($"  {soname}: {path ?? "not found"}");
        }
    }
}
