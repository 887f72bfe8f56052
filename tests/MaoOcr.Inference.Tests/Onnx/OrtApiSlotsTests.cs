using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Tests.Support;
using MaoOcr.Testing;

namespace MaoOcr.Inference.Tests.Onnx;

/// <summary>
/// Every slot index in <see cref="OrtApiSlots"/> against the C header of the release we ship (copied beside the tests
/// into ort-include/). The C compiler does the counting: a program prints <c>offsetof(OrtApi, Name) / sizeof(void*)</c>
/// for each slot, so members behind macros, multi-line declarations and comments are counted as ORT's own callers
/// count them. The header is read only to spell each name as C does (ours drop the underscores: CUDA_V2 is CudaV2).
/// </summary>
public sealed partial class OrtApiSlotsTests
{
    [Fact]
    public void Every_slot_index_matches_the_shipped_header()
    {
        string include = Path.Combine(AppContext.BaseDirectory, "ort-include");
        string header = File.ReadAllText(Path.Combine(include, "onnxruntime_c_api.h"));
        Dictionary<string, string> cNames = MemberNames(header);
        Dictionary<string, int> ours = typeof(OrtApiSlots)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        Assert.NotEmpty(ours);

        var program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"onnxruntime_c_api.h\"\nint main(void) {\n");
        foreach (string name in ours.Keys)
        {
            Assert.True(cNames.TryGetValue(Normalize(name), out string? cName), $"OrtApiSlots.{name} names no member of struct OrtApi in the header.");
            program.Append(CultureInfo.InvariantCulture, $"  printf(\"{name} %zu\\n\", offsetof(OrtApi, {cName}) / sizeof(void*));\n");
        }
        program.Append("  return 0;\n}\n");

        Dictionary<string, int> counted = Compile(include, program.ToString());

        Assert.All(ours, slot => Assert.True(
            counted[slot.Key] == slot.Value,
            $"OrtApiSlots.{slot.Key} is {slot.Value}; ORT {OrtLibraries.ShippedVersion}'s header puts it at {counted[slot.Key]}."));
    }

    /// <summary>Each member of <c>struct OrtApi</c>, keyed by its name without underscores in lower case.</summary>
    private static Dictionary<string, string> MemberNames(string header)
    {
        int start = header.IndexOf("struct OrtApi {", StringComparison.Ordinal);
        Assert.True(start >= 0, "No struct OrtApi in the header.");
        int end = header.IndexOf("\n};", start, StringComparison.Ordinal);
        string body = header[start..end];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Member().Matches(body))
        {
            string name = m.Groups["release"].Success ? "Release" + m.Groups["release"].Value : m.Groups["name"].Value;
            names.TryAdd(Normalize(name), name);
        }
        return names;
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static Dictionary<string, int> Compile(string include, string program)
    {
        using var folder = new TempDirectory();
        string source = folder.Combine("slots.c");
        string binary = folder.Combine("slots");
        File.WriteAllText(source, program);
        CCompiler.Run(["-I", include, "-o", binary, source]);
        using Process run = Process.Start(new ProcessStartInfo(binary) { RedirectStandardOutput = true })!;
        string output = run.StandardOutput.ReadToEnd();
        run.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    // The four ways the header declares a member: ORT_API2_STATUS(Name, ...), ORT_CLASS_RELEASE(X) (ReleaseX),
    // ORT_API_T(type, Name, ...) and a plain function pointer `type(ORT_API_CALL* Name)(...)`.
    [GeneratedRegex(@"ORT_API2_STATUS\(\s*(?<name>\w+)|ORT_CLASS_RELEASE\(\s*(?<release>\w+)\s*\)|ORT_API_T\(\s*[^,]+,\s*(?<name>\w+)|ORT_API_CALL\s*\*\s*(?<name>\w+)\s*\)")]
    private static partial Regex Member();
}
