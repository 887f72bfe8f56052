using MaoOcr.Inference.Geometry;
using MaoOcr.Inference.Imaging;

namespace MaoOcr.Inference.Pipeline;

public sealed partial class OcrEngine
{
    /// <summary>
    /// Finds the page's rotation from the boxes already detected on <paramref name="sent"/> and, when it is not upright,
    /// turns a copy upright and replaces <paramref name="boxes"/> with the boxes of that copy. A sideways page is turned
    /// a quarter clockwise and detected again (DB finds lines better upright than standing); the 0°/180° vote then runs
    /// on whichever image is now in hand, and an upside-down page is turned a half with its boxes mapped, not detected
    /// again (a half turn keeps lines horizontal). See docs/design/orientation.md.
    /// </summary>
    private UprightPage TurnUpright(DecodedImage sent, ref List<Quad> boxes, int sideLimit, ref long inferenceTicks, CancellationToken cancellationToken)
    {
        var page = new UprightPage(sent, 0);
        try
        {
            if (PageOrientation.IsSideways(boxes))
            {
                // Text running bottom to top is upright after a clockwise quarter; text running top to bottom is then
                // upside down, which the vote finds (90 + 180 = 270).
                page = new UprightPage(new DecodedImage(Orientation.Turn(sent.Bitmap, 90)), 90);
                cancellationToken.ThrowIfCancellationRequested();
                boxes = _detector.Detect(page.Image, sideLimit, ref inferenceTicks, cancellationToken);
            }

            List<Quad> sample = PageOrientation.VoteSample(boxes);
            if (sample.Count > 0 && PageOrientation.IsUpsideDown(_classifier.CountUpsideDown(page.Image, sample, ref inferenceTicks, cancellationToken), sample.Count))
            {
                DecodedImage current = page.Image;
                for (int i = 0; i < boxes.Count; i++)
                {
                    // Mapped corners keep their order; Rotated180 makes the old bottom-right the top-left again, as the detector orders them.
                    boxes[i] = QuarterTurn.Map(boxes[i], 180, current.Width, current.Height).Rotated180();
                }
                var turned = new UprightPage(new DecodedImage(Orientation.Turn(current.Bitmap, 180)), page.Rotation + 180);
                page.Dispose();
                page = turned;
            }
            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }
}
