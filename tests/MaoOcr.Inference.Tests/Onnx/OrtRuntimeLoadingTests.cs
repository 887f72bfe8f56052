using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Onnx;

public sealed class OrtRuntimeLoadingTests
{
    [Fact]
    public void Path_that_does_not_exist_is_refused_naming_the_path()
    {
        using var temp = new TempDirectory();
        string path = temp.Combine("no-such-libonnxruntime.so");

        OrtLibraryException e = Assert.Throws<OrtLibraryException>(() => OrtRuntime.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(OrtRuntime.LibraryPathVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Library_that_is_not_onnx_runtime_is_refused_naming_OrtGetApiBase()
    {
        string[] candidates = ["/lib/x86_64-linux-gnu/libz.so.1", "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/aarch64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6"];
        string library = Assert.Single(candidates.Where(File.Exists).Take(1));

        OrtLibraryException e = Assert.Throws<OrtLibraryException>(() => OrtRuntime.Load(library));

        Assert.Contains("OrtGetApiBase", e.Message, StringComparison.Ordinal);
        Assert.Contains(library, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_path_loads_once()
    {
        Assert.Same(OrtRuntime.Load(OrtLibraries.Shipped), OrtRuntime.Load(OrtLibraries.Shipped));
    }

    [Fact]
    public void Failed_load_is_not_remembered_once_the_library_appears()
    {
        // An operator points the appliance at a library before copying it there, sees the error, then copies it.
        using var temp = new TempDirectory();
        string path = temp.Combine("libonnxruntime.so");
        Assert.Throws<OrtLibraryException>(() => OrtRuntime.Load(path));

        File.CreateSymbolicLink(path, OrtLibraries.Shipped);
        OrtRuntime runtime = OrtRuntime.Load(path);

        Assert.Equal(OrtLibraries.ShippedVersion, runtime.Version);
    }
}
