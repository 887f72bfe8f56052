using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Devices;

/// <summary>
/// A folder laid out like deploy/gpu/fetch-ort-cuda.sh lays it out, with stand-ins compiled by the machine's C
/// compiler: libonnxruntime_providers_cuda.so is linked against a libcudart.so.13 that is then deleted, so the
/// provider library is present but cannot load, as on a box without the CUDA 13 runtime.
/// </summary>
internal sealed class StandInCudaProvider : IDisposable
{
    private readonly TempDirectory _folder = new();

    public StandInCudaProvider(bool withCudaProvider = true)
    {
        Compile("int cudaRuntimeGetVersion(int* v) { *v = 13000; return 0; }", "libcudart.so.13", soname: "libcudart.so.13");
        Compile("int ort_providers_shared_stand_in(void) { return 0; }", "libonnxruntime_providers_shared.so");
        if (withCudaProvider)
        {
            Compile("int cudaRuntimeGetVersion(int*); int provider_stand_in(void) { int v; return cudaRuntimeGetVersion(&v); }",
                "libonnxruntime_providers_cuda.so", link: "libcudart.so.13");
        }
        File.Delete(_folder.Combine("libcudart.so.13"));
    }

    public string Folder => _folder.FullPath;

    /// <summary>Where the ORT library would sit: beside the providers.</summary>
    public string OrtLibrary => _folder.Combine("libonnxruntime.so");

    public void Dispose() => _folder.Dispose();

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
            // Link by file name, so the DT_NEEDED entry is exactly the soname, as in the real provider.
            extra.Add(_folder.Combine(link));
        }
        CCompiler.SharedLibrary(source, _folder.Combine(output), [.. extra]);
    }
}
