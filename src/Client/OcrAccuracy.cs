namespace MaoOcr.Client;

/// <summary>How hard the appliance looks: the detector's resolution and whether upside-down text is turned.</summary>
public enum OcrAccuracy
{
    /// <summary>Longer side 736.</summary>
    Fast,

    /// <summary>Longer side 960 (the default).</summary>
    Balanced,

    /// <summary>Longer side 1280, and upside-down lines are turned.</summary>
    High,
}
