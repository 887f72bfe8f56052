namespace MaoOcr.Benchmarks.EndToEnd;

/// <summary>What the clients measured, shared by all of them: latencies of answered requests and counts by outcome.</summary>
internal sealed class LoadRecorder
{
    private readonly Lock _gate = new();
    private readonly List<double> _latenciesMs = [];
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _measured;
    private int _completed;
    private int _cached;

    /// <summary>Counts a request sent inside the measured window.</summary>
    public void Sent()
    {
        lock (_gate)
        {
            _measured++;
        }
    }

    /// <summary>Records an answer received inside the measured window.</summary>
    /// <returns>How many answers and failures have been recorded, this one included.</returns>
    public int Completed(double latencyMs, bool cached)
    {
        lock (_gate)
        {
            _latenciesMs.Add(latencyMs);
            _completed++;
            if (cached)
            {
                _cached++;
            }
            return _completed + _errors.Values.Sum();
        }
    }

    /// <summary>An ocr_error by its code, or a client-side failure (<c>timeout_client</c>, <c>connection_closed</c>, <c>connect_failed</c>).</summary>
    /// <returns>How many answers and failures have been recorded, this one included.</returns>
    public int Failed(string code)
    {
        lock (_gate)
        {
            _errors[code] = _errors.GetValueOrDefault(code) + 1;
            return _completed + _errors.Values.Sum();
        }
    }

    public LoadCounts Snapshot()
    {
        lock (_gate)
        {
            return new LoadCounts(_measured, _completed, _cached, [.. _latenciesMs], new Dictionary<string, int>(_errors, StringComparer.Ordinal));
        }
    }
}

internal sealed record LoadCounts(int Sent, int Completed, int Cached, double[] LatenciesMs, Dictionary<string, int> Errors);
