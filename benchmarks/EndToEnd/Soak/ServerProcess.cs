using System.Globalization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>Finds the process that listens on a local TCP port, from /proc/net/tcp{,6} and each process's fd links (proc(5)).</summary>
internal static class ServerProcess
{
    /// <summary>The st column's value for a listening socket (include/net/tcp_states.h, TCP_LISTEN).</summary>
    private const string Listen = "0A";

    /// <returns>The listener's pid; null when none is found (another user's process, or not Linux).</returns>
    public static int? FindListener(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
            foreach (string line in File.ReadLines(table).Skip(1))
            {
                string[] columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == Listen
                    && int.TryParse(columns[1].AsSpan(columns[1].LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int local)
                    && local == port)
                {
                    inodes.Add($"socket:[{columns[9]}]");
                }
            }
        }
        if (inodes.Count == 0)
        {
            return null;
        }
        foreach (string process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }
            try
            {
                if (Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is string target && inodes.Contains(target)))
                {
                    return pid;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just ended.
            }
        }
        return null;
    }
}
