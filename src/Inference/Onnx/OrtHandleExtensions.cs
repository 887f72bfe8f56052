namespace MaoOcr.Inference.Onnx;

internal static class OrtHandleExtensions
{
    /// <summary>Sets the terminate flag on a run-options handle; called from a cancellation callback.</summary>
    public static void Terminate(this OrtHandle? runOptions)
    {
        if (runOptions is null)
        {
            return;
        }
        bool added = false;
        try
        {
            runOptions.DangerousAddRef(ref added);
            runOptions.Api.RunOptionsSetTerminate(runOptions.DangerousGetHandle());
        }
        catch (ObjectDisposedException)
        {
            // The run already finished and released its options: nothing to stop.
        }
        finally
        {
            if (added)
            {
                runOptions.DangerousRelease();
            }
        }
    }
}
