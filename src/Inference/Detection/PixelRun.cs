namespace MaoOcr.Inference.Detection;

/// <summary>A horizontal run of set pixels in one row: [Start, End) and the component it belongs to.</summary>
internal struct PixelRun
{
    public int Row;
    public int Start;
    public int End;
    public int Label;
}
