namespace MaoOcr.WebSockets.Tests.Compression;

public sealed class ZlibBackendSelectionTests
{
    [Fact]
    public void The_server_compresses_and_decompresses_with_dotnets_zlib_ng_where_the_shared_framework_has_it()
    {
        // The test host runs on the shared framework, whose libSystem.IO.Compression.Native every .NET 10 install has.
        DeflateParameters parameters = DeflateNegotiation.Negotiate("permessage-deflate", new DeflateOptions()).Parameters;
        using var deflater = MessageDeflater.CreateForServer(parameters, new DeflateOptions());
        using var inflater = MessageInflater.CreateForServer(parameters);

        Assert.Equal(ZlibBackend.DotNetZlibNg, ZlibLibrary.Backend);
        Assert.Equal(ZlibBackend.DotNetZlibNg, deflater.Backend);
        Assert.Equal(ZlibBackend.DotNetZlibNg, inflater.Backend);
        Assert.Contains("zlib-ng", ZlibLibrary.BackendReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_description_names_both_libraries_for_maoocr_version()
    {
        string description = ZlibLibrary.Describe();

        Assert.Contains("permessage-deflate: zlib-ng (libSystem.IO.Compression.Native", description, StringComparison.Ordinal);
        Assert.Contains($"fallback zlib {ZlibLibrary.SystemVersion} (libz.so.1)", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ZlibBackend.DotNetZlibNg)]
    [InlineData(ZlibBackend.System)]
    public void Each_backend_reports_itself(ZlibBackend backend)
    {
        using var deflater = new MessageDeflater(15, false, DeflateOptions.DefaultCompressionLevel, DeflateOptions.DefaultMemoryLevel, 0, backend);
        using var inflater = new MessageInflater(false, MessageInflater.DefaultWindowBits, backend);

        Assert.Equal(backend, deflater.Backend);
        Assert.Equal(backend, inflater.Backend);
    }
}
