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
    private readonly OrtHandle _binding;

    private OrtIoBinding(OrtHandle binding) => _binding = binding;

    /// <summary>Creates a binding for <paramref name="session"/>, which must outlive it.</summary>
    /// <exception cref="OrtException">ORT refuses.</exception>
    public static OrtIoBinding Create(OrtApi api, nint session)
        => new(new OrtHandle(api, OrtApiSlots.ReleaseIoBinding, api.CreateIoBinding(session)));

    /// <summary>
    /// Runs <paramref name="session"/> on <paramref name="input"/> and returns the output value ORT allocated on
    /// the device of <paramref name="outputMemoryInfo"/>; the caller releases it.
    /// </summary>
    /// <exception cref="OrtException">ORT refuses a binding (an unknown name, a device it has no allocator for) or fails while running.</exception>
    public nint Run(nint session, nint runOptions, byte* inputName, nint input, byte* outputName, nint outputMemoryInfo)
    {
        OrtApi api = _binding.Api;
        bool addedRef = false;
        _binding.DangerousAddRef(ref addedRef);
        try
        {
            nint binding = _binding.DangerousGetHandle();
            try
            {
                api.BindInput(binding, inputName, input);
                api.BindOutputToDevice(binding, outputName, outputMemoryInfo);
                api.RunWithBinding(session, runOptions, binding);
                return TakeSingleOutput(api, binding);
            }
            finally
            {
                api.ClearBoundInputs(binding);
                api.ClearBoundOutputs(binding);
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

    /// <summary>
    /// ORT hands back its own reference to each bound output (ours to release) in an array from the allocator we
    /// pass, freed with that allocator once the values are taken out.
    /// </summary>
    private static nint TakeSingleOutput(OrtApi api, nint binding)
    {
        nint allocator = api.GetAllocatorWithDefaultOptions();
        nint* values = api.GetBoundOutputValues(binding, allocator, out nuint count);
        if (values == null)
        {
            throw new OrtException(OrtErrorCode.Fail, "RunWithBinding returned no output value.");
        }
        try
        {
            // One output was bound, so ORT returns one; anything else is released rather than leaked.
            for (nuint i = 1; i < count; i++)
            {
                api.Release(OrtApiSlots.ReleaseValue, values[i]);
            }
            return values[0];
        }
        finally
        {
            api.AllocatorFree(allocator, values);
        }
    }
}
