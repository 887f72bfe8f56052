using System.Diagnostics;
using System.Text.Json;

namespace MaoOcr.EdgeServer.Tests.Aot;

/// <summary>
/// The Native AOT binary is the product: these tests run the published <c>maoocr</c> on real images.
/// test.sh publishes it and sets MAOOCR_AOT_BINARY; run alone, the fixture publishes it once itself.
/// </summary>
public sealed class PublishedBinaryTests : IClassFixture<PublishedBinaryTests.Binary>
{
    private readonly Binary _binary;

    public PublishedBinaryTests(Binary binary) => _binary = binary;

    [Fact]
    public void Published_binary_ocrs_a_rendered_image_as_json()
    {
        RenderedImage image = TextImageRenderer.RenderLines(["Native AOT smoke test", "光学字符识别"], new TextBlockStyle { Font = TestFonts.NotoSansCjkSc, FontSize = 30 });
        string file = Path.Combine(Path.GetTempPath(), $"maoocr-aot-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(file, image.Bytes);
        try
        {
            (int code, string stdout, string stderr) = _binary.Run("ocr", file, "--json");
            Assert.True(code == 0, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            JsonElement result = json.RootElement[0];
            Assert.Equal(image.Width, result.GetProperty("width").GetInt32());
            string text = result.GetProperty("text").GetString()!;
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, text) <= 0.05, text);
            Assert.Equal(2, result.GetProperty("lines").GetArrayLength());
            Assert.Equal(4, result.GetProperty("lines")[0].GetProperty("box").GetArrayLength());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Published_binary_names_a_bad_file_and_exits_1()
    {
        string file = Path.Combine(Path.GetTempPath(), $"maoocr-aot-{Guid.NewGuid():N}.jpg");
        File.WriteAllBytes(file, [0xFF, 0xD8, 0xFF, 0xE0, 0x00]);
        try
        {
            (int code, _, string stderr) = _binary.Run("ocr", file);
            Assert.Equal(1, code);
            Assert.Contains(file, stderr, StringComparison.Ordinal);
            Assert.Contains("JPEG", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Published_binary_reports_its_onnx_runtime()
    {
        (int code, string stdout, string stderr) = _binary.Run("version");
        Assert.True(code == 0, stderr);
        Assert.Contains("onnxruntime 1.32.0", stdout, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_binary_compresses_with_dotnets_zlib_ng()
    {
        // Native AOT links .NET's compression shim in statically; "zlib-ng" is only printed after a probe message was
        // compressed and decompressed through it, so this shows our own binding of the shim reaches it in the binary.
        (int code, string stdout, string stderr) = _binary.Run("version");
        Assert.True(code == 0, stderr);
        Assert.Contains("permessage-deflate: zlib-ng (libSystem.IO.Compression.Native", stdout, StringComparison.Ordinal);
        Assert.Contains("fallback zlib ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Published_binary_falls_back_to_the_system_zlib_when_told()
    {
        (int code, string stdout, string stderr) = _binary.RunWith([new("MAOOCR_ZLIB_BACKEND", "system")], "version");
        Assert.True(code == 0, stderr);
        Assert.Contains("permessage-deflate: zlib 1.", stdout, StringComparison.Ordinal);
        Assert.Contains("MAOOCR_ZLIB_BACKEND=system", stdout, StringComparison.Ordinal);
    }

    public sealed class Binary
    {
        public Binary()
        {
            string? given = Environment.GetEnvironmentVariable("MAOOCR_AOT_BINARY");
            Path = string.IsNullOrEmpty(given) ? Publish() : given;
            Assert.True(File.Exists(Path), $"The published binary is missing at {Path}.");
        }

        public string Path { get; }

        public (int Code, string Stdout, string Stderr) Run(params string[] args) => RunWith([], args);

        public (int Code, string Stdout, string Stderr) RunWith(IEnumerable<KeyValuePair<string, string>> environment, params string[] args)
        {
            var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach ((string name, string value) in environment)
            {
                start.Environment[name] = value;
            }
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "maoocr did not finish in 2 minutes");
            return (process.ExitCode, stdout.Result, stderr.Result);
        }

        private static string Publish()
        {
            string root = RepositoryPaths.Root;
            string output = System.IO.Path.Combine(root, "artifacts", "publish", "aot-test");
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { "publish", "src/EdgeServer/MaoOcr.EdgeServer.csproj", "-c", "Release", "-r", "linux-x64", "-o", output })
            {
                start.ArgumentList.Add(arg);
            }
            using Process process = Process.Start(start)!;
            string log = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, log);
            return System.IO.Path.Combine(output, "maoocr");
        }
    }
}
