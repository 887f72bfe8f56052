using MaoOcr.Inference.Geometry;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The evidence rules of <see cref="RecognitionOptions.DetectPageOrientation"/>, read from what the detector and the
/// angle classifier already give: no extra model. A page is sideways when its text boxes are mostly tall; it is upside
/// down when most of its longest lines read upside down to the 0°/180° classifier.
/// </summary>
internal static class PageOrientation
{
    /// <summary>
    /// A box carries direction only when its long side is at least this many times its short side; nearer square
    /// (one character, a short number, a logo) it could run either way. PaddleOCR's 1.5, the aspect at which it reads
    /// a crop as vertical text (<see cref="OcrEngine.VerticalAspect"/>).
    /// </summary>
    public const float DirectionalAspect = OcrEngine.VerticalAspect;

    /// <summary>
    /// The share of directional text length (box long sides summed) that must lie in tall boxes for the page to be
    /// sideways: 3 in 4. Ours: on a page turned a quarter nearly every line is tall, and this leaves a quarter of the
    /// length for horizontal stamps or labels; an upright page keeps its vertical CJK labels, table headers or spine
    /// text as long as they are under a quarter of the text length, which ordinary documents are by far.
    /// </summary>
    public const float SidewaysShare = 0.75f;

    /// <summary>
    /// The fewest tall boxes that can turn a page: 3. Ours: one or two tall boxes are as likely a vertical label on an
    /// upright page as a sideways two-line slip, and missing the latter costs no more than the option off (each tall
    /// line is still read as vertical text).
    /// </summary>
    public const int MinSidewaysBoxes = 3;

    /// <summary>
    /// The most lines the 0°/180° vote reads: 12, the longest directional ones (long lines carry the most letters, so
    /// the classifier is surest of them). Two batches of the classifier's default batch of 6 (PaddleOCR's cls_batch_num),
    /// a few milliseconds on a CPU; more lines rarely change a majority that 12 already show.
    /// </summary>
    public const int MaxVoteLines = 12;

    /// <summary>Whether most of the text runs up or down the image: tall boxes hold at least <see cref="SidewaysShare"/> of the directional length, in at least <see cref="MinSidewaysBoxes"/> boxes.</summary>
    public static bool IsSideways(IReadOnlyList<Quad> boxes)
    {
        double tall = 0, wide = 0;
        int tallCount = 0;
        foreach (Quad box in boxes)
        {
            // Width runs along the top edge the detector gives (the leftmost corners first), so a tall box is one standing up in the image.
            float w = box.Width, h = box.Height;
            if (h >= w * DirectionalAspect)
            {
                tall += h;
                tallCount++;
            }
            else if (w >= h * DirectionalAspect)
            {
                wide += w;
            }
        }
        return tallCount >= MinSidewaysBoxes && tall >= SidewaysShare * (tall + wide);
    }

    /// <summary>The lines the vote reads: up to <see cref="MaxVoteLines"/> of the longest wide boxes (a tall box is vertical text, which the 0°/180° classifier does not judge).</summary>
    public static List<Quad> VoteSample(IReadOnlyList<Quad> boxes)
    {
        var wide = new List<Quad>(boxes.Count);
        foreach (Quad box in boxes)
        {
            if (box.Width >= box.Height * DirectionalAspect)
            {
                wide.Add(box);
            }
        }
        wide.Sort(static (a, b) => b.Width.CompareTo(a.Width));
        if (wide.Count > MaxVoteLines)
        {
            wide.RemoveRange(MaxVoteLines, wide.Count - MaxVoteLines);
        }
        return wide;
    }

    /// <summary>
    /// Whether the page is upside down: more than half of the lines sampled read upside down with the classifier's own
    /// confidence (<see cref="OcrEngineOptions.ClassifierThreshold"/>). Unsure lines count for upright, so a page is
    /// turned only on a clear majority.
    /// </summary>
    public static bool IsUpsideDown(int upsideDownVotes, int sampled) => sampled > 0 && 2 * upsideDownVotes > sampled;
}
