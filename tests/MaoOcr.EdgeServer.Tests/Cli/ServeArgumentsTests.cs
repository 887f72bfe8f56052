using System.Globalization;

namespace MaoOcr.EdgeServer.Tests.Cli;

/// <summary><c>maoocr serve</c>'s options: every mistake is refused before anything starts, with one line that names it.</summary>
public sealed class ServeArgumentsTests
{
    [Theory]
    [InlineData(new[] { "--prot", "9000" }, "unknown option --prot")]
    [InlineData(new[] { "--port", "abc" }, "--port takes a TCP port")]
    [InlineData(new[] { "--port", "70000" }, "not '70000'")]
    [InlineData(new[] { "--port", "-1" }, "not '-1'")]
    [InlineData(new[] { "--port" }, "--port needs a value")]
    [InlineData(new[] { "--host", "example.com" }, "--host takes an IP address")]
    [InlineData(new[] { "--threads", "many" }, "--threads takes a count")]
    [InlineData(new[] { "--device", "gpu" }, "--device takes auto, cpu, cuda or tensorrt")]
    [InlineData(new[] { "--tls-cert", "/no/such/cert.pem" }, "/no/such/cert.pem")]
    [InlineData(new[] { "--ort-library", "/no/such/libonnxruntime.so" }, "a file that exists")]
    [InlineData(new[] { "--models", "/no/such/folder" }, "a folder that exists")]
    [InlineData(new[] { "--log-format", "xml" }, "simple, json or systemd")]
    [InlineData(new[] { "--Bogus:Key", "1" }, "unknown option --Bogus:Key")]
    [InlineData(new[] { "photo.png" }, "unexpected argument 'photo.png'")]
    [InlineData(new[] { "--urls", "http://127.0.0.1:8080;http://127.0.0.1:8081" }, "names 2 addresses")]
    [InlineData(new[] { "--urls", "http://printer.local:8080" }, "not an IP address")]
    [InlineData(new[] { "--urls", "ftp://0.0.0.0:21" }, "not an http:// or https:// address")]
    [InlineData(new[] { "--urls", "http://0.0.0.0" }, "names no port")]
    public async Task A_mistake_is_a_usage_error_naming_it_and_nothing_starts(string[] args, string named)
    {
        (int code, string stdout, string stderr) = await CommandLineTests.RunAsync(["serve", .. args]);

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.StartsWith("maoocr serve: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("serve", "maoocr serve [--host ADDR]")]
    [InlineData("ocr", "maoocr ocr FILE...")]
    [InlineData("models", "maoocr models [--models DIR]")]
    [InlineData("version", "maoocr version [--ort-library PATH]")]
    public async Task Each_command_prints_its_usage_for_help_and_starts_nothing(string command, string usage)
    {
        foreach (string help in new[] { "--help", "-h" })
        {
            (int code, string stdout, string stderr) = await CommandLineTests.RunAsync(command, "--port", "1", help);

            Assert.Equal(CommandLine.Success, code);
            Assert.Contains(usage, stdout, StringComparison.Ordinal);
            Assert.Empty(stderr);
        }
    }

    [Fact]
    public void Flags_and_full_setting_names_become_settings()
    {
        string models = Path.GetTempPath();
        Assert.True(ServeArguments.TryParse(
            ["--port=9000", "--host", "localhost", "--models", models, "--Queue:MaxQueued", "128", "--device", "CPU", "--log-format", "json"],
            out ServeArguments parsed, out string? error), error);

        Assert.Equal("9000", parsed.Settings["Server:Port"]);
        Assert.Equal("localhost", parsed.Settings["Server:Host"]);
        Assert.Equal(models, parsed.Settings["Inference:ModelsDirectory"]);
        Assert.Equal("128", parsed.Settings["Queue:MaxQueued"]);
        Assert.Equal("CPU", parsed.Settings["Inference:Device"]);
        Assert.Equal("json", parsed.Settings["Logging:Format"]);
        Assert.False(parsed.Help);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9000", "0.0.0.0", 9000)]
    [InlineData("http://*:9001/", "0.0.0.0", 9001)]
    [InlineData("http://+:9002", "0.0.0.0", 9002)]
    [InlineData("http://[::]:9003", "::", 9003)]
    [InlineData("http://localhost:9004", "127.0.0.1", 9004)]
    [InlineData(" http://192.168.1.20:80 ", "192.168.1.20", 80)]
    public void Urls_naming_one_address_become_the_host_and_port(string urls, string host, int port)
    {
        Assert.True(ServeArguments.TryParse(["--urls", urls], out ServeArguments parsed, out string? error), error);

        Assert.Equal(host, parsed.Settings["Server:Host"]);
        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), parsed.Settings["Server:Port"]);
        Assert.Equal("http", parsed.Settings["Server:ListenScheme"]);
    }

    [Theory]
    [InlineData("--Queue:Workers", "abc", "Queue:Workers")]
    [InlineData("--Queue:MaxQueued", "-3", "MaxQueued")]
    [InlineData("--Cache:CapacityBytes", "lots", "Cache:CapacityBytes")]
    [InlineData("--Inference:Threads", "x", "Inference:Threads")]
    public async Task A_setting_that_does_not_bind_stops_the_start_with_one_line_naming_it(string option, string value, string named)
    {
        // Bounded: before the fix the appliance started and served, and this call never returned.
        (int code, _, string stderr) = await CommandLineTests.RunAsync("serve", "--port", "0", option, value).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Https_urls_without_a_certificate_are_refused_when_the_appliance_is_built()
    {
        (int code, _, string stderr) = await CommandLineTests.RunAsync("serve", "--urls", "https://127.0.0.1:9443");

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("needs --tls-cert and --tls-key", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_already_in_use_ends_serve_with_one_line_and_no_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        (int code, _, string stderr) = await CommandLineTests.RunAsync("serve", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains("address already in use", stderr, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
