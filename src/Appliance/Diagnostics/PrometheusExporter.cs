using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace MaoOcr.Appliance.Diagnostics;

/// <summary>
/// Aggregates one meter's measurements with a MeterListener and renders them as Prometheus text: counters
/// and up-down counters as sums, observable gauges as their last value, histograms as cumulative buckets.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    // Seconds: from a cache hit (well under 5 ms) to a large page on a slow box (tens of seconds).
    private static readonly double[] s_bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Kind, string Help)> _families = new(StringComparer.Ordinal);

    /// <param name="meter">The one meter to export. Matched by reference, not by name: several appliances in one process
    /// (the tests) each have a meter of the same name, and each /metrics must show only its own.</param>
    public PrometheusExporter(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                string kind = instrument switch
                {
                    Counter<long> => "counter",
                    Histogram<double> => "histogram",
                    _ => "gauge",
                };
                _families[instrument.Name] = (kind, instrument.Description ?? instrument.Name);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (IGrouping<string, KeyValuePair<string, Series>> family in _series.OrderBy(s => s.Key, StringComparer.Ordinal).GroupBy(s => s.Value.Name))
        {
            (string kind, string help) = _families.TryGetValue(family.Key, out var f) ? f : ("gauge", family.Key);
            text.Append(CultureInfo.InvariantCulture, $"# HELP {family.Key} {help}\n# TYPE {family.Key} {kind}\n");
            foreach ((_, Series series) in family)
            {
                series.Write(text, kind == "histogram");
            }
        }
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string labels = Labels(tags);
        Series series = _series.GetOrAdd(instrument.Name + labels, static (_, state) => new Series(state.Name, state.Labels), (Name: instrument.Name, Labels: labels));
        switch (instrument)
        {
            case Histogram<double>:
                series.Observe(value, s_bounds);
                break;
            case ObservableGauge<int> or ObservableGauge<long> or ObservableGauge<double>:
                series.Set(value);
                break;
            default:
                series.Add(value);
                break;
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }
        var text = new StringBuilder("{");
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }
            string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            text.Append(tag.Key).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }
        return text.Append('}').ToString();
    }

    private sealed class Series(string name, string labels)
    {
        private readonly Lock _lock = new();
        private double _value;
        private double _sum;
        private long _count;
        private long[]? _buckets;

        public string Name { get; } = name;

        public void Add(double value)
        {
            lock (_lock)
            {
                _value += value;
            }
        }

        public void Set(double value)
        {
            lock (_lock)
            {
                _value = value;
            }
        }

        public void Observe(double value, double[] bounds)
        {
            lock (_lock)
            {
                _buckets ??= new long[bounds.Length];
                for (int i = 0; i < bounds.Length; i++)
                {
                    if (value <= bounds[i])
                    {
                        _buckets[i]++;
                    }
                }
                _sum += value;
                _count++;
            }
        }

        public void Write(StringBuilder text, bool histogram)
        {
            lock (_lock)
            {
                if (!histogram)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{Name}{labels} {_value}\n");
                    return;
                }
                string inner = labels.Length == 0 ? string.Empty : labels[1..^1] + ",";
                for (int i = 0; i < s_bounds.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{inner}le=\"{s_bounds[i]}\"}} {_buckets?[i] ?? 0}\n");
                }
                text.Append(CultureInfo.InvariantCulture, $"{Name}_bucket{{{inner}le=\"+Inf\"}} {_count}\n");
                text.Append(CultureInfo.InvariantCulture, $"{Name}_sum{labels} {_sum}\n{Name}_count{labels} {_count}\n");
            }
        }
    }
}
