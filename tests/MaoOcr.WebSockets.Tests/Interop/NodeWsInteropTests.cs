using System.Text.Json;
using MaoOcr.WebSockets.Tests.Conformance;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// The npm <c>ws</c> package (8.23.0, pinned by tests/interop/node/package-lock.json and installed with <c>npm ci</c> on
/// first use) against our layer on loopback, with permessage-deflate on and off.
/// </summary>
public sealed class NodeWsInteropTests : IClassFixture<EchoServerFixture>
{
    private const string WsVersion = "8.23.0";

    private static readonly Lazy<Task> s_install = new(InstallAsync);

    private static string ClientDirectory => Path.Combine(ExternalTool.RepositoryRoot, "tests", "interop", "node");

    private readonly EchoServer _server;

    public NodeWsInteropTests(EchoServerFixture fixture) => _server = fixture.Server;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WsClient_EchoesTextAndBinaryOfEverySize_PingsAndClosesCleanly(bool deflate)
    {
        string node = ExternalTool.Require("node", "install Node.js 20 (the machine image has it; `apt-get install nodejs npm`).");
        await s_install.Value;

        var run = await ExternalTool.RunAsync(node, ["echo-client.mjs", _server.Address.ToString(), deflate ? "on" : "off"], ClientDirectory);
        string? extensions = EchoClientReport.Check("node ws", run);

        if (deflate)
        {
            // ws offers "permessage-deflate; client_max_window_bits"; we accept it and ask nothing more.
            Assert.Equal("permessage-deflate", extensions?.Split(';')[0].Trim());
        }
        else
        {
            Assert.Null(extensions);
        }
        using JsonDocument report = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal("are you there", report.RootElement.GetProperty("pong").GetString());
    }

    private static async Task InstallAsync()
    {
        string installed = Path.Combine(ClientDirectory, "node_modules", "ws", "package.json");
        if (File.Exists(installed) && JsonDocument.Parse(await File.ReadAllTextAsync(installed)).RootElement.GetProperty("version").GetString() == WsVersion)
        {
            return;
        }
        string npm = ExternalTool.Require("npm", "install npm (Node.js 20), which `npm ci` in tests/interop/node needs.");
        var run = await ExternalTool.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], ClientDirectory);
        Assert.True(run.ExitCode == 0, $"`npm ci` in tests/interop/node failed ({run.ExitCode}): {run.StandardError}");
    }
}
