namespace MaoOcr.Inference.Imaging;

/// <summary>Per-channel normalisation as a 256-entry table per channel, in the models' BGR channel order.</summary>
internal sealed class ChannelNormalization
{
    /// <summary>ImageNet mean/std, applied in BGR order as PaddleOCR's NormalizeImage does on cv2's BGR images.</summary>
    public static readonly ChannelNormalization ImageNet = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>(x/255 − 0.5)/0.5, the classifier's and recogniser's normalisation.</summary>
    public static readonly ChannelNormalization Symmetric = new([0.5f, 0.5f, 0.5f], [0.5f, 0.5f, 0.5f]);

    // _table[c * 256 + v]: the normalised value of byte v in model channel c (0 = B, 1 = G, 2 = R).
    private readonly float[] _table = new float[3 * 256];
    private readonly float[] _scale = new float[3];
    private readonly float[] _bias = new float[3];

    internal ChannelNormalization(float[] mean, float[] std)
    {
        for (int c = 0; c < 3; c++)
        {
            _scale[c] = 1f / (255f * std[c]);
            _bias[c] = -mean[c] / std[c];
        }
        for (int c = 0; c < 3; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                _table[(c * 256) + v] = ((v / 255f) - mean[c]) / std[c];
            }
        }
    }

    public ReadOnlySpan<float> Table => _table;

    /// <summary>value × Scale(c) + Bias(c) normalises a byte-range value of channel c, also one that sampling left between two bytes.</summary>
    public float Scale(int channel) => _scale[channel];

    public float Bias(int channel) => _bias[channel];
}
