using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Devices;

/// <summary>
/// A folder laid out as the GPU build lays it out beside the binary, with stand-ins compiled by the machine's C compiler.
/// By default each provider library is linked against its first runtime library (libnvinfer.so.10 for TensorRT,
/// libcudart.so.13 for CUDA), which is then deleted: the provider is present but cannot load, as on a box without
/// TensorRT 10 or the CUDA 13 runtime. A provider may also be left out, or made loadable (its runtime library kept).
/// </summary>
internal sealed class StandInGpuProviders : IDisposable
{
    private readonly TempDirectory _folder = new();

    public StandInGpuProviders(ProviderStandIn cuda = ProviderStandIn.MissingRuntime, ProviderStandIn tensorRt = ProviderStandIn.MissingRuntime)
    {
        Compile("int ort_providers_shared_stand_in(void) { return 0; }", ProviderProbe.SharedLibrary);
        Add(GpuProvider.Cuda, cuda);
        Add(GpuProvider.TensorRt, tensorRt);
    }

    public string Folder => _folder.FullPath;

    /// <summary>Where the ORT library would sit: beside the providers.</summary>
    public string OrtLibrary => _folder.Combine("libonnxruntime.so");

    public void Dispose() => _folder.Dispose();

    private void Add(GpuProvider provider, ProviderStandIn kind)
    {
        if (kind == ProviderStandIn.Absent)
        {
            return;
        }
        string runtime = provider.RuntimeLibraries[0];
        Compile("int runtime_stand_in(void) { return 13000; }", runtime, soname: runtime);
        Compile("int runtime_stand_in(void); int provider_stand_in(void) { return runtime_stand_in(); }", provider.Library, link: runtime);
        if (kind == ProviderStandIn.MissingRuntime)
        {
            File.Delete(_folder.Combine(runtime));
        }
    }

    private void Compile(string code, string output, string? soname = null, string? link = null)
    {
        string source = _folder.Combine(output + ".c");
        File.WriteAllText(source, code);
        var extra = new List<string>();
        if (soname is not null)
        {
            extra.Add($"-Wl,-soname,{soname}");
        }
        if (link is not null)
        {
            // Link by file name, so the DT_NEEDED entry is exactly the soname, as in the real provider; found beside it
            // (RUNPATH $ORIGIN) while it is there.
            extra.Add(_folder.Combine(link));
            extra.Add("-Wl,-rpath,$ORIGIN");
        }
        CCompiler.SharedLibrary(source, _folder.Combine(output), [.. extra]);
    }
}
