namespace MaoOcr.Client.Protocol;

/// <summary>
/// The fields every image result has, alone (<see cref="WireItem"/>) or as a page of a PDF (<see cref="WirePage"/>).
/// Read with source-generated JSON (snake_case); fields the appliance leaves out (blocks when there are none) read as
/// null here and become empty in the public types, which never hold null lists.
/// </summary>
internal abstract class WireImageFields
{
    public string Text { get; set; } = "";

    public int Width { get; set; }

    public int Height { get; set; }

    public List<OcrLine>? Lines { get; set; }

    public List<WireBlock>? Blocks { get; set; }

    public int Rotation { get; set; }

    public OcrTimings? Timings { get; set; }
}
