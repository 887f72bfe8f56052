namespace MaoOcr.Inference.Tests.Devices;

/// <summary>How <see cref="StandInGpuProviders"/> lays out one provider library.</summary>
internal enum ProviderStandIn
{
    /// <summary>Present, linked against a runtime library that is missing.</summary>
    MissingRuntime,

    /// <summary>Present and loadable, its runtime library beside it; what it would open when a session starts is still missing.</summary>
    Loadable,

    /// <summary>Not there at all.</summary>
    Absent,
}
