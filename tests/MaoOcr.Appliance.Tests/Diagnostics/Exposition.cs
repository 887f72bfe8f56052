namespace MaoOcr.Appliance.Tests.Diagnostics;

/// <summary>The series of a Prometheus text exposition: each sample's name and labels (values are not needed).</summary>
internal sealed class Exposition
{
    private readonly Dictionary<string, List<Dictionary<string, string>>> _series = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _series.Keys;

    public static Exposition Parse(string text)
    {
        var exposition = new Exposition();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }
            int brace = line.IndexOf('{', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string name = line[..(brace >= 0 && brace < space ? brace : space)];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0 && brace < space)
            {
                string inner = line[(brace + 1)..line.LastIndexOf('}')];
                foreach (string pair in inner.Split(','))
                {
                    int equals = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..equals]] = pair[(equals + 2)..^1];
                }
            }
            if (!exposition._series.TryGetValue(name, out List<Dictionary<string, string>>? series))
            {
                exposition._series[name] = series = [];
            }
            series.Add(labels);
        }
        return exposition;
    }

    public bool Has(string name) => _series.ContainsKey(name);

    public bool HasLabel(string name, string label) => _series.TryGetValue(name, out var series) && series.Any(s => s.ContainsKey(label));

    public bool HasValue(string name, string label, string value) =>
        _series.TryGetValue(name, out var series) && series.Any(s => s.TryGetValue(label, out string? v) && v == value);
}
