using System.Diagnostics;
using System.Globalization;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Benchmarks.Pipeline;

/// <summary>
/// <c>MaoOcr.Benchmarks.Pipeline memory DIR [PASSES] [--arena]</c>: one CPU engine over every image in DIR, PASSES times,
/// printing the resident set (VmRSS) after creation, warm-up and each pass, the pass's CPU seconds and minor page faults
/// (from /proc, so a shared box disturbs them less than wall time), and the resident set after <see cref="NativeHeap.Trim"/>.
/// The "Memory" table of benchmarks/RESULTS.md; glibc's own settings come from its environment (MALLOC_MMAP_THRESHOLD_).
/// </summary>
public static class EngineMemory
{
    public static void Run(string directory, int passes, bool arena, TextWriter output)
    {
        string[] files = [.. Directory.GetFiles(directory).Order(StringComparer.Ordinal)];
        output.WriteLine($"{files.Length} images, arena and memory patterns {(arena ? "on" : "off")}; start: {ResidentMb()} MB");
        using OcrEngine engine = OcrEngine.Create(new OcrEngineOptions { Device = InferenceDevice.Cpu, CpuMemoryArena = arena });
        output.WriteLine($"created: {ResidentMb()} MB");
        engine.WarmUp();
        output.WriteLine($"warm: {ResidentMb()} MB");
        using var self = Process.GetCurrentProcess();
        for (int pass = 0; pass < passes; pass++)
        {
            self.Refresh();
            TimeSpan cpu = self.TotalProcessorTime;
            long faults = MinorFaults();
            var wall = Stopwatch.StartNew();
            int lines = 0;
            foreach (string file in files)
            {
                lines += engine.Recognize(File.ReadAllBytes(file)).Lines.Count;
            }
            self.Refresh();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {wall.ElapsedMilliseconds} ms wall, {(self.TotalProcessorTime - cpu).TotalSeconds:F1} s CPU, {MinorFaults() - faults} minor faults, {lines} lines, {ResidentMb()} MB"));
            NativeHeap.Trim();
            output.WriteLine($"  after malloc_trim: {ResidentMb()} MB");
        }
    }

    private static long ResidentMb() => ProcStatus("VmRSS:") / 1024;

    private static long ProcStatus(string field)
    {
        string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
    }

    // proc(5): minflt is field 10 of /proc/self/stat, the 8th after the command name's closing parenthesis.
    private static long MinorFaults()
    {
        string stat = File.ReadAllText("/proc/self/stat");
        return long.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[7], CultureInfo.InvariantCulture);
    }
}
