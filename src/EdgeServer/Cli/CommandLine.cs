namespace MaoOcr.EdgeServer.Cli;

/// <summary>Dispatches <c>maoocr COMMAND …</c>. Exit codes: 0 success, 1 some input failed, 2 usage or setup error.</summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int InputFailed = 1;
    public const int UsageError = 2;

    public const string ServeUsage = """
          maoocr serve [--host ADDR] [--port N] [--urls http://ADDR:PORT] [--token T] [--tls-cert PEM --tls-key PEM]
                       [--models DIR] [--ort-library PATH] [--device auto|cpu|cuda|tensorrt] [--threads N] [--workers N]
                       [--log-format simple|json|systemd] [--Section:Key VALUE]
              Run the appliance: web app, WebSocket and REST API, health, readiness and metrics on 0.0.0.0:8080 by default.
              Every setting can also come from appsettings.json, MAOOCR__Section__Key variables or --Section:Key VALUE.
              --urls, ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS are honoured when they name one address.
        """;

    public const string OcrUsage = """
          maoocr ocr FILE... [--json] [--threads N] [--lang auto|ch|en] [--accuracy fast|balanced|high]
                             [--models DIR] [--ort-library PATH] [--pdf OUT.pdf] [--force-ocr]
              OCR the files (images or PDFs) in one process and print their text (or, with --json, each file's result).
              --pdf writes a searchable PDF of all the files; --force-ocr OCRs PDF pages that have their own text too.
          maoocr ocr --server ws://HOST:8080 FILE... [--token T] [--json] [--lang auto|ch|en] [--accuracy fast|balanced|high]
                             [--pdf OUT.pdf (one file)] [--force-ocr]
              Send the files to an appliance instead (over the WebSocket protocol, with a progress bar on a terminal).
        """;

    public const string ModelsUsage = """
          maoocr models [--models DIR]
              Find the models (installed with the models package, else in the cache, fetching them if needed), verify them, and print where they are.
        """;

    public const string VersionUsage = """
          maoocr version [--ort-library PATH]
              Print the version of maoocr (and the release's BUILDINFO), the ONNX Runtime it loads and which GPU providers are usable.
        """;

    public const string Environment = """
        Environment:
          MAOOCR_MODELS_DIR    a folder that holds the model files (nothing is fetched)
          MAOOCR_MODEL_CACHE   where fetched models are kept (default ~/.cache/maoocr/models)
          MAOOCR_MODEL_FETCH   off: never fetch; use the models package (/usr/share/maoocr/models) or the cache
          MAOOCR_ORT_LIBRARY   a libonnxruntime.so to use instead of the bundled CPU build
        """;

    public static readonly string Usage =
        $"maoocr — MaoOCR Edge, on-premise OCR (PP-OCRv4 on ONNX Runtime)\n\nUsage:\n{ServeUsage}\n{OcrUsage}\n{ModelsUsage}\n{VersionUsage}\n\n{Environment}";

    /// <summary>Each command's own usage, printed for <c>maoocr COMMAND --help</c>.</summary>
    private static readonly Dictionary<string, string> s_commandUsage = new(StringComparer.Ordinal)
    {
        ["serve"] = ServeUsage,
        ["ocr"] = OcrUsage,
        ["models"] = ModelsUsage,
        ["version"] = VersionUsage,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stdout.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? UsageError : Success;
        }
        string[] rest = args[1..];
        // --help anywhere before a "--" asks for the command's usage; nothing is started or read.
        if (s_commandUsage.TryGetValue(args[0], out string? usage) && rest.TakeWhile(a => a != "--").Any(a => a is "-h" or "--help"))
        {
            await stdout.WriteLineAsync($"Usage:\n{usage}\n{Environment}").ConfigureAwait(false);
            return Success;
        }
        try
        {
            return args[0] switch
            {
                "serve" => await ServeCommand.RunAsync(rest, stderr).ConfigureAwait(false),
                "ocr" => await OcrCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false),
                "models" => ModelsCommand.Run(rest, stdout, stderr),
                "version" or "--version" => VersionCommand.Run(rest, stdout, stderr),
                _ => await UnknownAsync(args[0], stderr).ConfigureAwait(false),
            };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Last resort: a clear line and exit 2 instead of a crash with a stack trace.
            await stderr.WriteLineAsync($"maoocr: {e.Message}").ConfigureAwait(false);
            return UsageError;
        }
    }

    private static async Task<int> UnknownAsync(string command, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"maoocr: unknown command '{command}'. Run 'maoocr --help'.").ConfigureAwait(false);
        return UsageError;
    }
}
