using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace MaoOcr.Benchmarks.TransportEcho;

/// <summary>
/// <c>--trace-allocations</c>: the runtime's GC AllocationTick events (one per ~100 KB allocated, naming the type that
/// crossed the mark), counted by type, so that GET /allocations shows what the server allocates under load without a
/// profiler. Off by default: the listener itself costs a little.
/// </summary>
internal sealed class AllocationTrace : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _ticks = new(StringComparer.Ordinal);

    public string Report()
    {
        var text = new StringBuilder();
        foreach ((string type, long count) in _ticks.OrderByDescending(p => p.Value).Take(30))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{count,8} {type}");
        }
        return text.ToString();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload
            && eventData.PayloadNames is { } names && names.IndexOf("TypeName") is int index and >= 0)
        {
            _ticks.AddOrUpdate(payload[index] as string ?? "?", 1, static (_, n) => n + 1);
        }
    }
}
