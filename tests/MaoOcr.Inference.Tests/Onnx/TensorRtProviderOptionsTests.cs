using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>
/// The TensorRT provider's settings become exactly the option keys and values ORT's TensorRT provider reads
/// (tensorrt_execution_provider_info.cc): a misspelt key is refused by ORT at start, a wrong value silently changes the
/// engine. No GPU here, so what is checked is what we hand ORT.
/// </summary>
public sealed class TensorRtProviderOptionsTests
{
    private static readonly TensorRtShapeProfile s_detection = new("x", [1, 3, 320, 320], [8, 3, 960, 960], [8, 3, 1280, 1280]);

    [Fact]
    public void Every_setting_becomes_the_provider_option_ort_reads()
    {
        var provider = new TensorRtExecutionProvider
        {
            DeviceId = 1,
            EngineCacheDirectory = "/var/lib/maoocr/tensorrt",
            Fp16 = true,
            MaxWorkspaceBytes = 2048L * 1024 * 1024,
            ShapeProfile = s_detection,
        };

        Dictionary<string, string> options = provider.ToProviderOptions().ToDictionary();

        Assert.Equal(new Dictionary<string, string>
        {
            ["device_id"] = "1",
            ["trt_fp16_enable"] = "1",
            ["trt_layer_norm_fp32_fallback"] = "1",
            ["trt_max_workspace_size"] = "2147483648",
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = "/var/lib/maoocr/tensorrt",
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = "/var/lib/maoocr/tensorrt",
            ["trt_profile_min_shapes"] = "x:1x3x320x320",
            ["trt_profile_opt_shapes"] = "x:8x3x960x960",
            ["trt_profile_max_shapes"] = "x:8x3x1280x1280",
        }, options);
    }

    [Fact]
    public void Defaults_are_fp32_with_tensorrts_own_workspace_and_no_cache_or_profile_unless_given()
    {
        Dictionary<string, string> options = new TensorRtExecutionProvider().ToProviderOptions().ToDictionary();

        Assert.Equal(new Dictionary<string, string> { ["device_id"] = "0", ["trt_fp16_enable"] = "0" }, options);
    }

    [Fact]
    public void A_profile_out_of_order_is_refused_before_ort_sees_it()
    {
        var provider = new TensorRtExecutionProvider { ShapeProfile = new TensorRtShapeProfile("x", [1, 3, 48, 640], [1, 3, 48, 320], [6, 3, 48, 3200]) };

        ArgumentException e = Assert.Throws<ArgumentException>(() => provider.ToProviderOptions().ToArray());

        Assert.Contains("x:1x3x48x640", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/srv/state", null, null, "/srv/state/tensorrt")]
    [InlineData(null, "/var/lib/maoocr:/var/lib/other", "/home/u/.state", "/var/lib/maoocr/tensorrt")]
    [InlineData(null, null, "/home/u/.state", "/home/u/.state/maoocr/tensorrt")]
    public void Engines_are_kept_in_the_appliances_state_folder(string? maoocr, string? systemd, string? xdg, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            [TensorRtEngineCache.StateDirectoryVariable] = maoocr,
            ["STATE_DIRECTORY"] = systemd,
            ["XDG_STATE_HOME"] = xdg,
        };

        Assert.Equal(expected, TensorRtEngineCache.DefaultDirectory(name => environment.GetValueOrDefault(name)));
    }

    [Fact]
    public void Without_any_state_variable_engines_go_under_the_users_local_state()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".local", "state", "maoocr", "tensorrt"), TensorRtEngineCache.DefaultDirectory(_ => null));
    }
}
