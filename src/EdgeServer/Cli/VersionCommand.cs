using System.Reflection;
using MaoOcr.Inference.Onnx;
using MaoOcr.WebSockets.Compression;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr version</c>: our version, the zlib permessage-deflate runs on, and the ORT that would be loaded, with its providers.</summary>
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
        stdout.WriteLine(ZlibDiagnostics.Describe());
        try
        {
            OrtRuntime runtime = OrtRuntime.Load(options.OrtLibrary);
            stdout.WriteLine($"onnxruntime {runtime.Version} ({runtime.LibraryPath}); providers: {string.Join(", ", runtime.GetAvailableProviders())}");
            return CommandLine.Success;
        }
        catch (Exception e) when (e is OrtLibraryException or OrtException)
        {
            stderr.WriteLine($"maoocr: {e.Message}");
            return CommandLine.UsageError;
        }
    }
}
