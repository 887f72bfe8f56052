using SkiaSharp;

namespace MaoOcr.Testing;

/// <summary>
/// What happens to a scene between drawing and encoding, in this order: it is scaled into the output frame with
/// <see cref="FrameInset"/>, rotated by <see cref="RotationDegrees"/> and warped by <see cref="PerspectiveJitter"/>
/// (one homography, which also maps the ground-truth corners), shaded by <see cref="LightingFalloff"/>, blurred,
/// noised, then encoded. All randomness comes from <see cref="Seed"/>.
/// </summary>
public sealed record ImageEffects
{
    /// <summary>No effect: the scene as drawn, as PNG.</summary>
    public static ImageEffects None { get; } = new();

    /// <summary>Seeds every random choice (paper texture, warp, lighting, noise); the same seed gives the same bytes.</summary>
    public int Seed { get; init; }

    /// <summary>Rotation about the frame's centre, in degrees, positive clockwise on screen. A few degrees is typical of a scan.</summary>
    public float RotationDegrees { get; init; }

    /// <summary>
    /// How far each corner of the scene may move, at random, as a fraction of the frame's shorter side (0 = none;
    /// 0.02–0.06 looks like a handheld photo). It makes a mild perspective warp.
    /// </summary>
    public float PerspectiveJitter { get; init; }

    /// <summary>The output width in pixels; null keeps the scene's width.</summary>
    public int? OutputWidth { get; init; }

    /// <summary>The output height in pixels; null keeps the scene's height.</summary>
    public int? OutputHeight { get; init; }

    /// <summary>The margin left around the scene inside the output frame, as a fraction of each side (0–0.4).</summary>
    public float FrameInset { get; init; }

    /// <summary>The colour of the frame outside the scene (a desk under a photographed page, a scanner lid).</summary>
    public SKColor Surround { get; init; } = new(0x5a, 0x52, 0x4a);

    /// <summary>Darkening across the image from one side to the other, 0–1 (the largest fraction of light lost), as uneven light in a photo.</summary>
    public float LightingFalloff { get; init; }

    /// <summary>Gaussian blur sigma in output pixels; 0 for none. 0.6–1.2 looks like a slightly soft camera.</summary>
    public float BlurSigma { get; init; }

    /// <summary>Standard deviation of per-channel Gaussian noise, in 0–255 levels; 0 for none.</summary>
    public float NoiseSigma { get; init; }

    public ImageFileFormat Format { get; init; } = ImageFileFormat.Png;

    /// <summary>JPEG or WebP quality, 1–100; ignored for PNG and BMP.</summary>
    public int Quality { get; init; } = 90;
}
