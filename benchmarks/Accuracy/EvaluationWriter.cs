using System.Text.Json;
using MaoOcr.Testing;
using MaoOcr.Testing.Evaluation;

namespace MaoOcr.Benchmarks.Accuracy;

/// <summary>
/// Writes the evaluation set: images/NAME.EXT (the only files in images/, so both engines read exactly these)
/// and truth/NAME.json.
/// </summary>
internal static class EvaluationWriter
{
    public static string ImagesDirectory(string outputDirectory) => Path.Combine(outputDirectory, "images");

    /// <summary>Writes every image and its ground truth, first removing whatever an earlier run left in images/ and truth/.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<EvaluationImage> images, string outputDirectory)
    {
        string imagesDirectory = ImagesDirectory(outputDirectory);
        string truthDirectory = Path.Combine(outputDirectory, "truth");
        foreach (string directory in new[] { imagesDirectory, truthDirectory })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
            Directory.CreateDirectory(directory);
        }

        var paths = new List<string>(images.Count);
        foreach (EvaluationImage image in images)
        {
            string path = Path.Combine(imagesDirectory, image.FileName);
            File.WriteAllBytes(path, image.Image.Bytes);
            paths.Add(path);

            var truth = new TruthFile(
                image.FileName,
                image.Group,
                image.Image.Width,
                image.Image.Height,
                image.Image.Format,
                image.Image.Lines.Select(l => new JsonLine(l.Text, ToJson(l.Box))).ToList());
            File.WriteAllText(Path.Combine(truthDirectory, $"{image.Name}.json"), JsonSerializer.Serialize(truth, AccuracyJsonContext.Default.TruthFile));
        }
        return paths;
    }

    public static float[][] ToJson(Quad quad) =>
        [.. quad.ToArray().Select(p => new[] { MathF.Round(p.X, 1), MathF.Round(p.Y, 1) })];
}
