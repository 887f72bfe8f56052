namespace MaoOcr.Inference.Onnx;

/// <summary>
/// One release accessor per kind of object, each called by that kind's handle (see <see cref="Handles.OrtHandle"/>)
/// with the pointer it owns. They take the raw pointer because a handle releasing itself has no handle left to pass.
/// </summary>
internal readonly unsafe partial struct OrtApi
{
    public void ReleaseEnv(nint env) => Release(OrtApiSlots.ReleaseEnv, env);

    public void ReleaseMemoryInfo(nint memoryInfo) => Release(OrtApiSlots.ReleaseMemoryInfo, memoryInfo);

    public void ReleaseSession(nint session) => Release(OrtApiSlots.ReleaseSession, session);

    public void ReleaseValue(nint value) => Release(OrtApiSlots.ReleaseValue, value);

    public void ReleaseRunOptions(nint runOptions) => Release(OrtApiSlots.ReleaseRunOptions, runOptions);

    public void ReleaseTensorTypeAndShapeInfo(nint info) => Release(OrtApiSlots.ReleaseTensorTypeAndShapeInfo, info);

    public void ReleaseSessionOptions(nint options) => Release(OrtApiSlots.ReleaseSessionOptions, options);

    public void ReleaseIoBinding(nint binding) => Release(OrtApiSlots.ReleaseIoBinding, binding);

    public void ReleaseCudaProviderOptions(nint options) => Release(OrtApiSlots.ReleaseCudaProviderOptions, options);

    public void ReleaseTensorRtProviderOptions(nint options) => Release(OrtApiSlots.ReleaseTensorRtProviderOptions, options);

    // Every Release* slot above is `void (*)(OrtX*)`: one signature, so one cast serves them all.
    private void Release(int releaseSlot, nint pointer) => ((delegate* unmanaged<nint, void>)Slot(releaseSlot))(pointer);
}
