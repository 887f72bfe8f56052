namespace MaoOcr.Inference.Tests.Devices;

/// <summary>How <see cref="StandInGpuProviders"/> lays out one provider library.</summary>
internal enum ProviderStandIn
{
    /// <summary>Present, linked against a runtime library that is missing.</summary>
    MissingRuntime,

    /// <summary>Present and loadable; the runtime libraries it would open later are still missing from the box.</summary>
    Loadable,

    /// <summary>Not there at all.</summary>
    Absent,
}
