namespace MaoOcr.Inference.Onnx;

/// <summary>
/// A float tensor that ORT allocated as a <c>Run</c> output. <see cref="Data"/> reads ORT's memory in
/// place; it is valid until Dispose.
/// </summary>
public sealed unsafe class OrtTensor : IDisposable
{
    private readonly OrtHandle _value;
    private readonly float* _data;

    internal OrtTensor(OrtHandle value, float* data, long[] shape, int length)
    {
        _value = value;
        _data = data;
        Shape = shape;
        Length = length;
    }

    /// <summary>Dimensions, outermost first.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements in row-major order.</summary>
    /// <exception cref="ObjectDisposedException">After Dispose.</exception>
    public ReadOnlySpan<float> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_value.IsClosed, this);
            return new ReadOnlySpan<float>(_data, Length);
        }
    }

    public void Dispose() => _value.Dispose();
}
