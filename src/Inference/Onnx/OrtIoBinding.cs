using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One <c>OrtIoBinding</c> of a session: the model's input bound to a tensor we built, its output bound to a
/// device (a memory info) that ORT allocates on, and a run that leaves the output there.
/// </summary>
/// <remarks>
/// Every <see cref="Run"/> binds the input and the output afresh and clears both before returning, so a binding
/// never keeps a caller's input buffer (which goes back to its pool once the run returns) nor the previous output.
/// Binding the output to the device again is what matters: a kept output is a pre-allocated buffer to the next
/// run, which ORT refuses when the shape changes ("The output OrtValue provided ... has shape {4,40,6625} but the
/// computed output shape for this run is {1,20,6625}", seen with 1.31.1), and our shapes change from call to call.
/// <para>
/// <c>SynchronizeBoundOutputs</c> is not called: ORT's run already waits for the providers before it returns
/// (unless the run option <c>disable_synchronize_execution_providers</c> is set, which we never set), and that
/// call syncs the whole device (the CUDA provider's Sync), which would also wait for other sessions' runs.
/// </para>
/// One run at a time per binding; it holds no thread affinity.
/// </remarks>
internal sealed unsafe class OrtIoBinding : IDisposable
{
    private readonly OrtIoBindingHandle _binding;

    private OrtIoBinding(OrtIoBindingHandle binding) => _binding = binding;

    /// <summary>Creates a binding for <paramref name="session"/>, in the library that made it; the session must outlive the binding.</summary>
    /// <exception cref="OrtException">ORT refuses.</exception>
    public static OrtIoBinding Create(OrtSessionHandle session) => new(session.Api.CreateIoBinding(session));

    /// <summary>
    /// Runs <paramref name="session"/> on <paramref name="input"/> and returns the output value ORT allocated on
    /// the device of <paramref name="outputMemoryInfo"/>, owned by the caller. <paramref name="runOptions"/> may be null.
    /// </summary>
    /// <exception cref="OrtException">ORT refuses a binding (an unknown name, a device it has no allocator for) or fails while running.</exception>
    public OrtValueHandle Run(OrtSessionHandle session, OrtRunOptionsHandle? runOptions, byte* inputName, OrtValueHandle input, byte* outputName, OrtMemoryInfoHandle outputMemoryInfo)
    {
        OrtApi api = _binding.Api;
        bool addedRef = false;
        _binding.DangerousAddRef(ref addedRef);
        try
        {
            try
            {
                api.BindInput(_binding, inputName, input);
                api.BindOutputToDevice(_binding, outputName, outputMemoryInfo);
                api.RunWithBinding(session, runOptions, _binding);
                return api.GetBoundOutputValue(_binding);
            }
            finally
            {
                api.ClearBoundInputs(_binding);
                api.ClearBoundOutputs(_binding);
            }
        }
        finally
        {
            if (addedRef)
            {
                _binding.DangerousRelease();
            }
        }
    }

    public void Dispose() => _binding.Dispose();
}
