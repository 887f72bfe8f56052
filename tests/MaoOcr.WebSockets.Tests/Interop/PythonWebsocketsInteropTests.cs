using MaoOcr.WebSockets.Tests.Conformance;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// Python <c>websockets</c> from Debian (apt <c>python3-websockets</c>, 10.x, run by /usr/bin/python3: the pyenv python3
/// on PATH has no such package) against our layer on loopback, with compression on and off.
/// </summary>
public sealed class PythonWebsocketsInteropTests : IClassFixture<EchoServerFixture>
{
    private const string Python = "/usr/bin/python3";
    private const string InstallStep = "install Debian's python3-websockets (`apt-get install python3-websockets`; .ci/run does).";

    private readonly EchoServer _server;

    public PythonWebsocketsInteropTests(EchoServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WebsocketsClient_EchoesTextAndBinaryOfEverySize_PingsAndClosesCleanly(bool compression)
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: {InstallStep}");
        var probe = await ExternalTool.RunAsync(Python, ["-c", "import websockets"]);
        Assert.True(probe.ExitCode == 0, $"{Python} cannot import websockets: {InstallStep} {probe.StandardError}");

        string script = Path.Combine(ExternalTool.RepositoryRoot, "tests", "interop", "python", "echo_client.py");
        var run = await ExternalTool.RunAsync(Python, [script, _server.Address.ToString(), compression ? "on" : "off"]);
        string? extensions = EchoClientReport.Check("python websockets", run);

        if (compression)
        {
            // websockets offers "permessage-deflate; client_max_window_bits"; we accept it and ask nothing more.
            Assert.Equal("permessage-deflate", extensions?.Split(';')[0].Trim());
        }
        else
        {
            Assert.Null(extensions);
        }
        Assert.Contains("\"pong\": true", run.StandardOutput, StringComparison.Ordinal);
    }
}
