namespace MaoOcr.Inference.Layout;

/// <summary>A block as the analysis finds it: rows from top to bottom, each row's lines (indices of <see cref="LineBox"/>es) from left to right.</summary>
internal sealed record LayoutBlock(IReadOnlyList<int[]> Rows);
