using MaoOcr.Inference.Models;

namespace MaoOcr.EdgeServer.Cli;

/// <summary><c>maoocr models</c>: fetches and verifies the models, so a box can be prepared before going offline.</summary>
internal static class ModelsCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (!CliOptions.TryParse(args, out CliOptions options, out string? error))
        {
            stderr.WriteLine($"maoocr models: {error}");
            return CommandLine.UsageError;
        }
        if (options.Files.Count > 0)
        {
            stderr.WriteLine($"maoocr models: unexpected argument '{options.Files[0]}'; give a folder with --models DIR.");
            return CommandLine.UsageError;
        }
        try
        {
            ModelPaths paths = new ModelStore().Resolve(options.ModelsDirectory);
            ModelManifest manifest = ModelManifest.Embedded;
            stdout.WriteLine($"{manifest.Package}@{manifest.Version}: verified in {paths.Directory}");
            foreach (ModelFile file in manifest.Files)
            {
                stdout.WriteLine($"  {file.Role,-12} {file.Name}  sha256:{file.Sha256}");
            }
            return CommandLine.Success;
        }
        catch (ModelStoreException e)
        {
            stderr.WriteLine($"maoocr models: {e.Message}");
            return CommandLine.UsageError;
        }
    }
}
