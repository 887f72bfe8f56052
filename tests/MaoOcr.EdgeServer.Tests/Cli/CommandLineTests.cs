namespace MaoOcr.EdgeServer.Tests.Cli;

public sealed class CommandLineTests
{
    /// <summary>The CPU build copied beside the binary (build/OnnxRuntimeNative.targets).</summary>
    private const string BundledOrtVersion = "1.32.0";

    [Fact]
    public async Task No_arguments_print_usage_and_fail()
    {
        (int code, string stdout, _) = await RunAsync();

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("maoocr ocr FILE...", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        (int code, string stdout, _) = await RunAsync("--help");

        Assert.Equal(CommandLine.Success, code);
        Assert.Contains("maoocr models", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error_naming_it()
    {
        (int code, _, string stderr) = await RunAsync("scan", "x.png");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("'scan'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ocr_without_files_is_a_usage_error()
    {
        (int code, string stdout, string stderr) = await RunAsync("ocr", "--json");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("at least one image file", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Ocr_with_a_bad_option_is_a_usage_error_before_loading_anything()
    {
        (int code, _, string stderr) = await RunAsync("ocr", "x.png", "--threads", "abc");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("--threads", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_names_the_runtime_and_a_missing_library_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        string missing = temp.Combine("libonnxruntime.so");

        (int okCode, string okOut, _) = await RunAsync("version", "--ort-library", Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so"));
        (int badCode, _, string badErr) = await RunAsync("version", "--ort-library", missing);

        Assert.Equal(CommandLine.Success, okCode);
        Assert.Contains($"onnxruntime {BundledOrtVersion}", okOut, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", okOut, StringComparison.Ordinal);
        Assert.Equal(CommandLine.UsageError, badCode);
        Assert.Contains(missing, badErr, StringComparison.Ordinal);
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Version_says_which_providers_are_usable_and_where_each_gpu_library_was_found()
    {
        // The CPU build beside the tests: neither GPU provider is there, each says why and lists what it would need.
        (int code, string stdout, _) = await RunAsync("version", "--ort-library", Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so"));

        Assert.Equal(CommandLine.Success, code);
        string[] lines = stdout.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("tensorrt: not usable", StringComparison.Ordinal) && l.Contains("libonnxruntime_providers_tensorrt.so is missing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("cuda: not usable", StringComparison.Ordinal) && l.Contains("libonnxruntime_providers_cuda.so is missing", StringComparison.Ordinal));
        Assert.Contains("cpu: usable", lines);
        foreach (string library in new[] { "libnvinfer.so.10", "libnvonnxparser.so.10", "libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcudnn.so.9" })
        {
            Assert.Contains(lines, l => l.StartsWith($"  {library}: ", StringComparison.Ordinal));
        }
        // TensorRT first: the order auto tries them in.
        Assert.True(stdout.IndexOf("tensorrt:", StringComparison.Ordinal) < stdout.IndexOf("cuda:", StringComparison.Ordinal));
    }
}
