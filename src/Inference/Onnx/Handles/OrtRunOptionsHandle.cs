namespace MaoOcr.Inference.Onnx.Handles;

/// <summary>An <c>OrtRunOptions</c>: one run's options, made only so that a cancellation can stop that run.</summary>
internal sealed class OrtRunOptionsHandle(OrtApi api, nint pointer) : OrtHandle(api, pointer)
{
    /// <summary>
    /// Sets ORT's terminate flag, which stops the run between operators. Called from a cancellation callback, which
    /// may come after the run has finished and released its options: then there is nothing to stop.
    /// </summary>
    public void Terminate()
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            Api.RunOptionsSetTerminate(this);
        }
        catch (ObjectDisposedException)
        {
            // The run already finished and released its options.
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    private protected override void Release() => Api.ReleaseRunOptions(handle);
}
