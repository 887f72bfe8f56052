using System.Globalization;

namespace MaoOcr.Benchmarks.Transport.Load;

/// <summary>One server to load: a name for the tables, TransportEcho's port, and whether the client offers permessage-deflate.</summary>
internal sealed record LoadTarget(string Name, int Port, bool OfferDeflate);

/// <summary>
/// <c>load --target NAME=PORT[,deflate] ... [--pair OURS:THEIRS] [--sizes 32,4096,65536,1048576] [--connections 1,64]
/// [--seconds 2] [--warmup 0.5] [--repeats 3] [--markdown FILE]</c>.
/// </summary>
internal sealed class LoadOptions
{
    public List<LoadTarget> Targets { get; } = [];

    public List<(string Ours, string Theirs)> Pairs { get; } = [];

    public List<int> Sizes { get; private set; } = [32, 4096, 65536, 1024 * 1024];

    public List<int> Connections { get; private set; } = [1, 64];

    public TimeSpan Measure { get; private set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(0.5);

    public int Repeats { get; private set; } = 3;

    public string? MarkdownPath { get; private set; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            switch (args[i])
            {
                case "--target":
                    string[] nameAndPort = value.Split('=');
                    string[] portAndFlags = nameAndPort[1].Split(',');
                    options.Targets.Add(new LoadTarget(nameAndPort[0], int.Parse(portAndFlags[0], CultureInfo.InvariantCulture),
                        portAndFlags.Skip(1).Contains("deflate")));
                    break;
                case "--pair":
                    string[] pair = value.Split(':');
                    options.Pairs.Add((pair[0], pair[1]));
                    break;
                case "--sizes":
                    options.Sizes = ParseList(value);
                    break;
                case "--connections":
                    options.Connections = ParseList(value);
                    break;
                case "--seconds":
                    options.Measure = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--repeats":
                    options.Repeats = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--markdown":
                    options.MarkdownPath = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }
        if (options.Targets.Count == 0)
        {
            throw new ArgumentException("At least one --target NAME=PORT[,deflate] is needed.");
        }
        return options;
    }

    private static List<int> ParseList(string value) =>
        [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];
}
