using MaoOcr.Appliance.Core;

namespace MaoOcr.Appliance.Configuration;

/// <summary>The "Cache" section.</summary>
public sealed class CacheSettings
{
    /// <summary>Bytes of results kept; 0 turns the cache off.</summary>
    public long CapacityBytes { get; set; } = ResultCache.DefaultCapacityBytes;
}
