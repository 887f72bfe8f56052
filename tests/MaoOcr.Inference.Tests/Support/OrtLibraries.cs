using System.Reflection;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>
/// The ONNX Runtime builds the binding is tested against, both CPU builds from NuGet Microsoft.ML.OnnxRuntime: the
/// release we ship (build/OnnxRuntimeVersions.props), copied beside the tests as the appliance has it, and an older
/// release copied into ort-VERSION/ (the test project's MaoOcrOrtOlderVersion). The versions come from the build.
/// </summary>
public static class OrtLibraries
{
    /// <summary>The release beside the binary, for example "1.32.0".</summary>
    public static string ShippedVersion { get; } = Metadata("MaoOcrOrtVersion");

    /// <summary>The older release the same binding must still run on.</summary>
    public static string OlderVersion { get; } = Metadata("MaoOcrOrtOlderVersion");

    public static string Shipped => Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so");

    public static string Older => Path.Combine(AppContext.BaseDirectory, $"ort-{OlderVersion}", "libonnxruntime.so");

    /// <summary>(source, expected version) for every build, as xunit theory data.</summary>
    public static TheoryData<string, string> All => new()
    {
        { "shipped", ShippedVersion },
        { "older", OlderVersion },
    };

    public static string PathOf(string source) => source == "older" ? Older : Shipped;

    private static string Metadata(string key) =>
        typeof(OrtLibraries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test assembly has no {key}: see MaoOcr.Inference.Tests.csproj.");
}
