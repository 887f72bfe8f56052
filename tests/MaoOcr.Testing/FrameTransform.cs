namespace MaoOcr.Testing;

/// <summary>Builds the one homography that takes scene pixels to output pixels: fit with inset, rotate, then jitter the corners.</summary>
internal static class FrameTransform
{
    public static Homography Create(int sceneWidth, int sceneHeight, int outputWidth, int outputHeight, ImageEffects effects, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputHeight);
        float inset = Math.Clamp(effects.FrameInset, 0f, 0.4f);
        bool sameFrame = sceneWidth == outputWidth && sceneHeight == outputHeight && inset == 0f;
        if (sameFrame && effects.RotationDegrees == 0f && effects.PerspectiveJitter <= 0f)
        {
            return Homography.Identity;
        }

        double scale = Math.Min(outputWidth * (1 - (2 * inset)) / sceneWidth, outputHeight * (1 - (2 * inset)) / sceneHeight);
        double radians = effects.RotationDegrees * Math.PI / 180;
        double cos = Math.Cos(radians), sin = Math.Sin(radians);
        double jitter = Math.Max(0f, effects.PerspectiveJitter) * Math.Min(outputWidth, outputHeight);

        PixelPoint Place(double x, double y)
        {
            // Scene coordinates relative to the scene's centre, scaled, turned clockwise on screen (y points down), centred in the output.
            double dx = (x - (sceneWidth / 2.0)) * scale;
            double dy = (y - (sceneHeight / 2.0)) * scale;
            double px = (outputWidth / 2.0) + (dx * cos) - (dy * sin);
            double py = (outputHeight / 2.0) + (dx * sin) + (dy * cos);
            if (jitter > 0)
            {
                px += ((random.NextDouble() * 2) - 1) * jitter;
                py += ((random.NextDouble() * 2) - 1) * jitter;
            }
            return new PixelPoint((float)px, (float)py);
        }

        var scene = Quad.FromRect(new PixelRect(0, 0, sceneWidth, sceneHeight));
        var target = new Quad(Place(0, 0), Place(sceneWidth, 0), Place(sceneWidth, sceneHeight), Place(0, sceneHeight));
        return Homography.FromQuads(scene, target);
    }
}
