using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// A float tensor that ORT allocated as a <c>Run</c> output. <see cref="Data"/> reads ORT's memory in
/// place; it is valid until Dispose.
/// </summary>
public sealed unsafe class OrtTensor : IDisposable
{
    private readonly OrtValueHandle _value;
    private readonly float* _data;

    private OrtTensor(OrtValueHandle value, float* data, long[] shape, int length)
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

    /// <summary>
    /// Takes ownership of a run's output and reads its shape; the value is released with the tensor, or at once
    /// when this throws.
    /// </summary>
    /// <exception cref="OrtException">The output is not a float tensor, or ORT cannot describe it.</exception>
    /// <exception cref="OverflowException">The output has more than <see cref="int.MaxValue"/> elements.</exception>
    internal static OrtTensor FromOutput(OrtValueHandle value)
    {
        try
        {
            OrtApi api = value.Api;
            using OrtTensorTypeAndShapeInfoHandle info = api.GetTensorTypeAndShape(value);
            TensorElementType type = api.GetTensorElementType(info);
            if (type != TensorElementType.Float)
            {
                throw new OrtException(OrtErrorCode.InvalidArgument, $"Expected a float output tensor, got element type {type}.");
            }
            int rank = (int)api.GetDimensionsCount(info);
            long[] dims = new long[rank];
            fixed (long* p = dims)
            {
                api.GetDimensions(info, p, (nuint)rank);
            }
            long length = 1;
            foreach (long d in dims)
            {
                length *= d;
            }
            return new OrtTensor(value, (float*)api.GetTensorMutableData(value), dims, checked((int)length));
        }
        catch
        {
            value.Dispose();
            throw;
        }
    }
}
