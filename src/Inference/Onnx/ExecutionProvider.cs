namespace MaoOcr.Inference.Onnx;

/// <summary>An execution provider to append to a session, in order.</summary>
public abstract record ExecutionProvider
{
    public static readonly ExecutionProvider Cpu = new CpuExecutionProvider();

    private protected ExecutionProvider() { }
}
