using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Runners;

/// <summary>The shape of one batch row, channels × height × width: what calls must share to be concatenated.</summary>
internal readonly record struct TensorRowShape(int Channels, int Height, int Width)
{
    public int Elements => Channels * Height * Width;

    /// <summary>The NCHW shape of <paramref name="rows"/> rows.</summary>
    public long[] Of(int rows) => [rows, Channels, Height, Width];

    /// <summary>
    /// Refuses an input that does not hold exactly <paramref name="rows"/> rows of this shape. A runner owns its
    /// input from the call on, so a refused one goes back to its pool here, before the throw.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is under 1 or does not match the buffer's length.</exception>
    public void EnsureHolds(TensorBuffer input, int rows)
    {
        if (rows < 1 || input.Length != rows * Elements)
        {
            input.Dispose();
            throw new ArgumentOutOfRangeException(nameof(rows), $"{rows} rows of {this} do not match a buffer of {input.Length} floats.");
        }
    }
}
