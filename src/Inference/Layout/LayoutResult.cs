using MaoOcr.Inference.Pipeline;

namespace MaoOcr.Inference.Layout;

/// <summary>What <see cref="PageLayoutAnalyzer.Analyze"/> found on a page.</summary>
/// <param name="Lines">The usable lines in reading order (block by block); lines whose box is unusable are left out.</param>
/// <param name="Blocks">The blocks in reading order; their <see cref="TextBlock.Lines"/> index <paramref name="Lines"/>.</param>
/// <param name="Text">The blocks' texts joined by a blank line ("\n\n").</param>
internal sealed record LayoutResult(IReadOnlyList<RecognizedLine> Lines, IReadOnlyList<TextBlock> Blocks, string Text);
