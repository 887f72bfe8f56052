using MaoOcr.Inference.Models;

namespace MaoOcr.Inference.Tests.Support;

/// <summary>The verified PP-OCRv4 files from the default cache (fetched on first use), resolved once per run.</summary>
internal static class RealModels
{
    private static readonly Lazy<ModelPaths> s_paths = new(() => new ModelStore().Resolve());

    public static ModelPaths Paths => s_paths.Value;
}
