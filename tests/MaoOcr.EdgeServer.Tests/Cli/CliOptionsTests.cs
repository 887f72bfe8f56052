using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Tests.Cli;

public sealed class CliOptionsTests
{
    [Fact]
    public void Every_option_is_parsed_between_files()
    {
        bool ok = CliOptions.TryParse(
            ["a.png", "--json", "--threads", "4", "b.jpg", "--lang", "en", "--accuracy", "High", "--models", "/m", "--ort-library", "/o/libonnxruntime.so"],
            out CliOptions options,
            out string? error);

        Assert.True(ok, error);
        Assert.Null(error);
        Assert.Equal(["a.png", "b.jpg"], options.Files);
        Assert.True(options.Json);
        Assert.Equal(4, options.Threads);
        Assert.Equal(RecognitionLanguage.English, options.Language);
        Assert.Equal(RecognitionAccuracy.High, options.Accuracy);
        Assert.Equal("/m", options.ModelsDirectory);
        Assert.Equal("/o/libonnxruntime.so", options.OrtLibrary);
        OcrEngineOptions engine = options.ToEngineOptions();
        Assert.Equal(("/m", "/o/libonnxruntime.so", 4), (engine.ModelsDirectory, engine.OrtLibraryPath, engine.IntraOpThreads));
    }

    [Fact]
    public void Defaults_apply_when_no_option_is_given()
    {
        Assert.True(CliOptions.TryParse(["x.png"], out CliOptions options, out _));

        Assert.False(options.Json);
        Assert.Equal(0, options.Threads);
        Assert.Equal(RecognitionLanguage.Auto, options.Language);
        Assert.Equal(RecognitionAccuracy.Balanced, options.Accuracy);
        Assert.Null(options.ModelsDirectory);
    }

    [Theory]
    [InlineData("auto", RecognitionLanguage.Auto)]
    [InlineData("ch", RecognitionLanguage.Chinese)]
    [InlineData("ZH", RecognitionLanguage.Chinese)]
    [InlineData("chinese", RecognitionLanguage.Chinese)]
    [InlineData("en", RecognitionLanguage.English)]
    [InlineData("English", RecognitionLanguage.English)]
    public void Language_names_are_accepted_in_any_case(string value, RecognitionLanguage expected)
    {
        Assert.True(CliOptions.TryParse(["--lang", value], out CliOptions options, out _));

        Assert.Equal(expected, options.Language);
    }

    [Fact]
    public void Double_dash_ends_the_options()
    {
        // POSIX utility guideline 10: after "--" every argument is an operand, so a file may start with "--".
        bool ok = CliOptions.TryParse(["--json", "--", "--scan.png", "x.png"], out CliOptions options, out string? error);

        Assert.True(ok, error);
        Assert.True(options.Json);
        Assert.Equal(["--scan.png", "x.png"], options.Files);
    }

    [Theory]
    [InlineData(new[] { "--frobnicate", "1" }, "Unknown option --frobnicate")]
    [InlineData(new[] { "--threads", "abc" }, "'abc'")]
    [InlineData(new[] { "--threads", "-1" }, "'-1'")]
    [InlineData(new[] { "--lang", "xx" }, "'xx'")]
    [InlineData(new[] { "--accuracy", "extreme" }, "'extreme'")]
    [InlineData(new[] { "--accuracy", "7" }, "'7'")]
    [InlineData(new[] { "a.png", "--threads" }, "--threads needs a value")]
    [InlineData(new[] { "--models" }, "--models needs a value")]
    public void Bad_options_are_refused_with_a_reason(string[] args, string reason)
    {
        bool ok = CliOptions.TryParse(args, out _, out string? error);

        Assert.False(ok);
        Assert.NotNull(error);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
