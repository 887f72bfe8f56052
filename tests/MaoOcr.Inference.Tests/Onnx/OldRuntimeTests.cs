using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>
/// A runtime older than the API version we ask for must be refused at load, naming its version. No such
/// ORT build can be downloaded here, so the test compiles a stand-in with the machine's C compiler: it
/// exports OrtGetApiBase like ORT 1.10 does, answering GetApi only for versions up to 10.
/// </summary>
public sealed class OldRuntimeTests
{
    private const string FakeOrt110 = """
        #include <stddef.h>
        #include <stdint.h>
        typedef struct { const void* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); } OrtApiBase;
        static const void* table[8];
        static const void* get_api(uint32_t version) { return version <= 10 ? (const void*)table : NULL; }
        static const char* version_string(void) { return "1.10.0"; }
        static const OrtApiBase base = { get_api, version_string };
        const OrtApiBase* OrtGetApiBase(void) { return &base; }
        """;

    [Fact]
    public void Runtime_older_than_api_11_is_refused_naming_its_version()
    {
        using var folder = new TempDirectory();
        string source = folder.Combine("fake_ort.c");
        string library = folder.Combine("libonnxruntime.so");
        File.WriteAllText(source, FakeOrt110);
        CCompiler.SharedLibrary(source, library);

        OrtLibraryException e = Assert.Throws<OrtLibraryException>(() => OrtRuntime.Load(library));

        Assert.Contains("1.10.0", e.Message, StringComparison.Ordinal);
        Assert.Contains($"version {OrtRuntime.MinimumApiVersion}", e.Message, StringComparison.Ordinal);
        Assert.Contains(library, e.Message, StringComparison.Ordinal);
    }
}
