using MaoOcr.Inference.Onnx;

namespace MaoOcr.Inference.Runners;

/// <summary>
/// One call's rows of a model output. A call that ran alone reads ORT's output in place; a call that shared
/// its batch with other requests gets its rows copied into a pooled buffer, so its lifetime is its own.
/// </summary>
internal sealed class ModelOutput : IDisposable
{
    private readonly OrtTensor? _tensor;
    private readonly TensorBuffer _rows;
    private bool _disposed;

    public ModelOutput(OrtTensor whole)
    {
        _tensor = whole;
        Shape = whole.Shape;
    }

    public ModelOutput(TensorBuffer rows, long[] shape)
    {
        _rows = rows;
        Shape = shape;
    }

    /// <summary>This call's dimensions; the first is its own batch size.</summary>
    public IReadOnlyList<long> Shape { get; }

    public ReadOnlySpan<float> Data
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _tensor is not null ? _tensor.Data : _rows.Span;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (_tensor is not null)
        {
            _tensor.Dispose();
        }
        else
        {
            _rows.Dispose();
        }
    }
}
