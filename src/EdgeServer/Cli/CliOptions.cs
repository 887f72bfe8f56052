using MaoOcr.Appliance.Protocol;
using MaoOcr.Inference.Pipeline;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>Options of <c>maoocr ocr</c> and <c>maoocr models</c>, parsed without exceptions.</summary>
internal sealed class CliOptions
{
    public List<string> Files { get; } = [];

    public bool Json { get; private set; }

    public int Threads { get; private set; }

    public string? ModelsDirectory { get; private set; }

    public string? OrtLibrary { get; private set; }

    public RecognitionLanguage Language { get; private set; } = RecognitionLanguage.Auto;

    public RecognitionAccuracy Accuracy { get; private set; } = RecognitionAccuracy.Balanced;

    /// <summary><c>--server ws://HOST:PORT</c>: OCR on that appliance through the SDK instead of in this process.</summary>
    public Uri? Server { get; private set; }

    /// <summary><c>--token</c>: the appliance's API token, for <see cref="Server"/>.</summary>
    public string? Token { get; private set; }

    /// <summary><c>--force-ocr</c>: OCR every PDF page, even those with their own text layer.</summary>
    public bool ForceOcr { get; private set; }

    /// <summary><c>--pdf OUT.pdf</c>: also write a searchable PDF of all the files, in order.</summary>
    public string? PdfOutput { get; private set; }

    /// <summary>Parses <paramref name="args"/>; on failure returns false with the reason in <paramref name="error"/>.</summary>
    public static bool TryParse(ReadOnlySpan<string> args, out CliOptions options, out string? error)
    {
        options = new CliOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--")
            {
                // Everything after "--" is a file, even if it starts with dashes.
                options.Files.AddRange(args[(i + 1)..]);
                break;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                options.Files.Add(arg);
                continue;
            }
            if (arg == "--json")
            {
                options.Json = true;
                continue;
            }
            if (arg == "--force-ocr")
            {
                options.ForceOcr = true;
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{arg} needs a value.";
                return false;
            }
            string value = args[++i];
            switch (arg)
            {
                case "--threads" when int.TryParse(value, out int threads) && threads >= 0:
                    options.Threads = threads;
                    break;
                case "--threads":
                    error = $"--threads takes a number of threads (0 = one per core), not '{value}'.";
                    return false;
                case "--models":
                    options.ModelsDirectory = value;
                    break;
                case "--ort-library":
                    options.OrtLibrary = value;
                    break;
                case "--lang" when Requirements.TryLanguage(value, out RecognitionLanguage language):
                    options.Language = language;
                    break;
                case "--lang":
                    error = $"--lang takes auto, ch or en, not '{value}'.";
                    return false;
                case "--accuracy" when !char.IsAsciiDigit(value.FirstOrDefault()) && Enum.TryParse(value, ignoreCase: true, out RecognitionAccuracy accuracy) && Enum.IsDefined(accuracy):
                    options.Accuracy = accuracy;
                    break;
                case "--accuracy":
                    error = $"--accuracy takes fast, balanced or high, not '{value}'.";
                    return false;
                case "--server" when Uri.TryCreate(value, UriKind.Absolute, out Uri? server) && server.Scheme is "ws" or "wss" or "http" or "https":
                    options.Server = server;
                    break;
                case "--server":
                    error = $"--server takes the appliance's address, such as ws://HOST:8080, not '{value}'.";
                    return false;
                case "--token":
                    options.Token = value;
                    break;
                case "--pdf":
                    options.PdfOutput = value;
                    break;
                default:
                    error = $"Unknown option {arg}.";
                    return false;
            }
        }
        return true;
    }

    public OcrEngineOptions ToEngineOptions() => new()
    {
        ModelsDirectory = ModelsDirectory,
        OrtLibraryPath = OrtLibrary,
        IntraOpThreads = Threads,
    };
}
