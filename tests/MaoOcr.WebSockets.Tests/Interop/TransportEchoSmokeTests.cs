using System.Diagnostics;
using System.Net.WebSockets;
using System.Reflection;
using System.Text.RegularExpressions;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// The transport benchmark's echo server (benchmarks/TransportEcho), both implementations, run as the process the benchmark
/// runs and spoken to by System.Net's ClientWebSocket: the benchmark and any conformance suite pointed at it compare two
/// servers that really echo, with and without deflate. The test starts the built program rather than referencing it, so
/// the library's tests depend on no benchmark.
/// </summary>
public sealed partial class TransportEchoSmokeTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("ours", false, "default")]
    [InlineData("ours", true, "default")]
    [InlineData("aspnet", false, "default")]
    [InlineData("aspnet", true, "default")]
    [InlineData("ours", true, "inline")]
    [InlineData("aspnet", true, "inline")]
    public async Task Echo_server_returns_each_message_as_sent(string implementation, bool deflate, string scheduling)
    {
        using Process server = StartEchoServer(implementation, scheduling, out Uri echoUri);
        try
        {
            using var client = new ClientWebSocket();
            client.Options.CollectHttpResponseDetails = true;
            if (deflate)
            {
                client.Options.DangerousDeflateOptions = new WebSocketDeflateOptions();
            }
            await client.ConnectAsync(echoUri, CancellationToken.None).WaitAsync(s_timeout);
            bool negotiated = client.HttpResponseHeaders!.TryGetValue("Sec-WebSocket-Extensions", out IEnumerable<string>? extensions)
                && string.Join(",", extensions).Contains("permessage-deflate", StringComparison.Ordinal);
            Assert.Equal(deflate, negotiated);

            // A short text, and a binary message over one 64 KiB frame (ours sends it as two frames).
            byte[] text = "hello from the smoke test"u8.ToArray();
            byte[] binary = new byte[70_000];
            new Random(6455).NextBytes(binary);
            foreach ((byte[] message, WebSocketMessageType type) in new[] { (text, WebSocketMessageType.Text), (binary, WebSocketMessageType.Binary) })
            {
                await client.SendAsync(message, type, endOfMessage: true, CancellationToken.None).WaitAsync(s_timeout);
                (byte[] echo, WebSocketMessageType echoType) = await ReceiveMessageAsync(client);
                Assert.Equal(type, echoType);
                Assert.Equal(message, echo);
            }
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(s_timeout);
            Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync().WaitAsync(s_timeout);
        }
    }

    /// <summary>Starts the built echo server on a free port and reads the address it prints.</summary>
    private static Process StartEchoServer(string implementation, string scheduling, out Uri echoUri)
    {
        // Built by the solution build in the same configuration as this test assembly.
        string configuration = typeof(TransportEchoSmokeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        string program = Path.Combine(ExternalTool.RepositoryRoot, "benchmarks", "TransportEcho", "bin", configuration, "net10.0", "MaoOcr.Benchmarks.TransportEcho.dll");
        Assert.True(File.Exists(program), $"{program} is missing: build MaoOcr.sln ({configuration}) first.");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { program, "--impl", implementation, "--port", "0", "--deflate", "on", "--scheduling", scheduling })
        {
            start.ArgumentList.Add(argument);
        }
        Process server = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("Could not start the echo server.");
        Task<string?> line = server.StandardOutput.ReadLineAsync();
        if (!line.Wait(s_timeout) || line.Result is not string banner || EchoAddress().Match(banner) is not { Success: true } match)
        {
            server.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"The echo server printed no address: {server.StandardError.ReadToEnd()}");
        }
        echoUri = new Uri(match.Value);
        return server;
    }

    [GeneratedRegex(@"ws://\S+")]
    private static partial Regex EchoAddress();

    private static async Task<(byte[] Message, WebSocketMessageType Type)> ReceiveMessageAsync(ClientWebSocket client)
    {
        using var message = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await client.ReceiveAsync(buffer, CancellationToken.None).WaitAsync(s_timeout);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (message.ToArray(), result.MessageType);
            }
        }
    }
}
