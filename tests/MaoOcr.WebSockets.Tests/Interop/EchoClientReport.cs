using System.Text.Json;

namespace MaoOcr.WebSockets.Tests.Interop;

/// <summary>
/// Checks the one JSON line the node and Python echo clients print (tests/interop): every message came back with the
/// same kind and the same SHA-256 as sent, the ping was answered, and the close was a clean 1000.
/// </summary>
internal static class EchoClientReport
{
    // The sizes both scripts send, each as text and as binary.
    private static readonly int[] s_sizes = [0, 1, 125, 126, 65535, 65536, 200000, 1048576];

    /// <summary>Parses the report and asserts on it; returns the agreed extensions, null when none.</summary>
    public static string? Check(string client, (int ExitCode, string StandardOutput, string StandardError) run)
    {
        Assert.True(run.ExitCode == 0, $"{client} exited with {run.ExitCode}: {run.StandardError}");
        string? line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        Assert.False(line is null, $"{client} printed no report: {run.StandardError}");
        using JsonDocument report = JsonDocument.Parse(line);
        JsonElement root = report.RootElement;
        Assert.True(root.GetProperty("error").ValueKind == JsonValueKind.Null, $"{client}: {root.GetProperty("error")}");

        JsonElement[] messages = [.. root.GetProperty("messages").EnumerateArray()];
        Assert.Equal(s_sizes.Length * 2, messages.Length);
        for (int i = 0; i < messages.Length; i++)
        {
            JsonElement message = messages[i];
            Assert.Equal(s_sizes[i / 2], message.GetProperty("size").GetInt32());
            Assert.Equal(message.GetProperty("binary").GetBoolean(), message.GetProperty("echoedBinary").GetBoolean());
            Assert.Equal(message.GetProperty("sent").GetString(), message.GetProperty("echoed").GetString());
        }
        JsonElement close = root.GetProperty("close");
        Assert.Equal(1000, close.GetProperty("code").GetInt32());
        JsonElement extensions = root.GetProperty("extensions");
        return extensions.ValueKind == JsonValueKind.String && extensions.GetString()!.Length > 0 ? extensions.GetString() : null;
    }
}
