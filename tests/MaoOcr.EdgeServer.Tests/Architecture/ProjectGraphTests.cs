using System.Xml.Linq;

namespace MaoOcr.EdgeServer.Tests.Architecture;

/// <summary>
/// The project graph of docs/design/architecture.md, checked on the project files themselves, so that a reference that
/// points the wrong way, a test that compiles another project's files, or unsafe code outside the two native bindings
/// fails the build's tests instead of a review.
/// </summary>
public sealed class ProjectGraphTests
{
    /// <summary>Every project and the projects of ours it may reference (test-support libraries included).</summary>
    private static readonly Dictionary<string, string[]> s_allowed = new(StringComparer.Ordinal)
    {
        ["MaoOcr.WebSockets"] = [],
        ["MaoOcr.Inference"] = [],
        ["MaoOcr.Client"] = [],
        ["MaoOcr.Documents"] = [],
        ["MaoOcr.Appliance"] = ["MaoOcr.WebSockets", "MaoOcr.Inference", "MaoOcr.Documents"],
        ["MaoOcr.EdgeServer"] = ["MaoOcr.Appliance", "MaoOcr.Client"],
        ["MaoOcr.Testing"] = [],
        ["MaoOcr.Testing.Buffers"] = [],
        ["MaoOcr.Appliance.Testing"] = ["MaoOcr.Appliance"],
        ["MaoOcr.WebSockets.Tests"] = ["MaoOcr.WebSockets", "MaoOcr.Testing.Buffers"],
        ["MaoOcr.Inference.Tests"] = ["MaoOcr.Inference", "MaoOcr.Testing"],
        ["MaoOcr.Documents.Tests"] = ["MaoOcr.Documents", "MaoOcr.Testing"],
        ["MaoOcr.Appliance.Tests"] = ["MaoOcr.Appliance", "MaoOcr.Appliance.Testing", "MaoOcr.Testing", "MaoOcr.Testing.Buffers"],
        ["MaoOcr.Client.Tests"] = ["MaoOcr.Client", "MaoOcr.Appliance.Testing", "MaoOcr.Testing"],
        ["MaoOcr.EdgeServer.Tests"] = ["MaoOcr.EdgeServer", "MaoOcr.Appliance.Testing", "MaoOcr.Testing"],
        ["MaoOcr.Testing.Tests"] = ["MaoOcr.Testing"],
        ["MaoOcr.WebClient.Fixtures"] = ["MaoOcr.Testing"],
        // The fleet test's .NET user (tests/fleet): the SDK as an integrator's app uses it, through a load balancer.
        ["MaoOcr.Fleet.Driver"] = ["MaoOcr.Client"],
        // The fuzz targets drive the parsers of all three libraries; the smoke test and the libFuzzer console share them.
        ["MaoOcr.Fuzz.Targets"] = ["MaoOcr.WebSockets", "MaoOcr.Appliance", "MaoOcr.Inference", "MaoOcr.Documents", "MaoOcr.Testing.Buffers"],
        ["MaoOcr.Fuzz.Tests"] = ["MaoOcr.Fuzz.Targets", "MaoOcr.Testing"],
        // Each benchmark references only the library it measures (and the test images it measures with).
        ["MaoOcr.Benchmarks.Transport"] = ["MaoOcr.WebSockets", "MaoOcr.Testing.Buffers"],
        ["MaoOcr.Benchmarks.TransportEcho"] = ["MaoOcr.WebSockets"],
        ["MaoOcr.Benchmarks.Pipeline"] = ["MaoOcr.Inference", "MaoOcr.Testing"],
        ["MaoOcr.Benchmarks.Accuracy"] = ["MaoOcr.Inference", "MaoOcr.Testing"],
        // Documents measures PDF reading, which is the appliance library's DocumentReading.
        ["MaoOcr.Benchmarks.Documents"] = ["MaoOcr.Appliance", "MaoOcr.Testing"],
        ["MaoOcr.Benchmarks.EndToEnd"] = [],
        ["MaoOcr.Fuzz"] = ["MaoOcr.Fuzz.Targets"],
    };

    /// <summary>
    /// The projects that call native code through pointers: the WebSocket layer (masking, zlib) and the ORT binding, and
    /// their tests; and the fuzz console, which sets SharpFuzz's coverage-map pointer for replays.
    /// </summary>
    private static readonly string[] s_unsafeAllowed = ["MaoOcr.WebSockets", "MaoOcr.Inference", "MaoOcr.WebSockets.Tests", "MaoOcr.Inference.Tests", "MaoOcr.Fuzz"];

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (string project in ProjectFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryRoot, project));
        }
        return data;
    }

    [Fact]
    public void Every_project_in_the_tree_is_in_the_graph_and_the_solution()
    {
        string solution = File.ReadAllText(Path.Combine(RepositoryRoot, "MaoOcr.sln"));
        foreach (string project in ProjectFiles())
        {
            string name = Path.GetFileNameWithoutExtension(project);
            Assert.True(s_allowed.ContainsKey(name), $"{name} is not in the project graph of docs/design/architecture.md (and this test).");
            Assert.Contains(Path.GetRelativePath(RepositoryRoot, project).Replace('/', '\\'), solution, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void References_point_one_way(string project)
    {
        string name = Path.GetFileNameWithoutExtension(project);
        XDocument document = XDocument.Load(Path.Combine(RepositoryRoot, project));
        string[] references = [.. document.Descendants("ProjectReference").Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!))];
        Assert.All(references, reference => Assert.True(
            s_allowed[name].Contains(reference),
            $"{name} references {reference}; it may reference only {string.Join(", ", s_allowed[name].DefaultIfEmpty("nothing of ours"))}."));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void No_project_compiles_another_projects_files(string project)
    {
        XDocument document = XDocument.Load(Path.Combine(RepositoryRoot, project));
        Assert.DoesNotContain(document.Descendants("Compile"), c => c.Attribute("Link") is not null || ((string?)c.Attribute("Include"))?.StartsWith("..", StringComparison.Ordinal) == true);
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Only_the_native_bindings_allow_unsafe_code(string project)
    {
        string name = Path.GetFileNameWithoutExtension(project);
        XDocument document = XDocument.Load(Path.Combine(RepositoryRoot, project));
        bool unsafeCode = document.Descendants("AllowUnsafeBlocks").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase));
        Assert.True(!unsafeCode || s_unsafeAllowed.Contains(name), $"{name} allows unsafe code; only {string.Join(", ", s_unsafeAllowed)} may.");
    }

    private static string RepositoryRoot => RepositoryPaths.Root;

    private static IEnumerable<string> ProjectFiles() =>
        new[] { "src", "tests", "benchmarks" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, folder), "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
}
