using System.Diagnostics;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>
/// The machine's C compiler (<c>cc</c>, installed by .ci/run), for the stand-ins of native libraries no test can
/// download (an ORT older than we support, CUDA and TensorRT providers whose runtimes are missing) and for reading
/// ORT's C header the way a C program does.
/// </summary>
internal static class CCompiler
{
    /// <summary>Runs <c>cc</c> with <paramref name="arguments"/>; fails the test with the compiler's errors when it fails.</summary>
    public static void Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("cc") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process cc = Process.Start(start)!;
        string errors = cc.StandardError.ReadToEnd();
        cc.WaitForExit();
        Assert.True(cc.ExitCode == 0, $"cc failed: {errors}");
    }

    /// <summary>Compiles <paramref name="source"/> into the shared library <paramref name="library"/>.</summary>
    public static void SharedLibrary(string source, string library, params string[] extra) => Run(["-shared", "-fPIC", "-o", library, source, .. extra]);
}
