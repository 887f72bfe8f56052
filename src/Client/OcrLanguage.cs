namespace MaoOcr.Client;

/// <summary>Which script the appliance recognizes.</summary>
public enum OcrLanguage
{
    /// <summary>Chinese and Latin (the default).</summary>
    Auto,

    /// <summary>Chinese (with Latin).</summary>
    Chinese,

    /// <summary>Latin characters only.</summary>
    English,
}
