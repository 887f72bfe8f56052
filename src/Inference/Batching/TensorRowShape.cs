namespace MaoOcr.Inference.Batching;

/// <summary>The shape of one batch row, channels × height × width: what calls must share to be concatenated.</summary>
internal readonly record struct TensorRowShape(int Channels, int Height, int Width)
{
    public int Elements => Channels * Height * Width;
}
