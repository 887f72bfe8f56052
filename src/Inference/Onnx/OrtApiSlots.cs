namespace MaoOcr.Inference.Onnx;

/// <summary>
/// Indexes into the <c>OrtApi</c> function table, in the exact order of <c>struct OrtApi</c> in
/// <c>onnxruntime_c_api.h</c>. The table only ever grows at the end, so an index is stable across
/// every ORT release that has it. We stop at the last slot we call. Read only by the typed accessors of
/// <see cref="OrtApi"/>, each of which states its slot's C signature once.
/// </summary>
/// <remarks>
/// Every index here is checked by the tests against the C header of the release we ship: a C program compiled with
/// it prints <c>offsetof(OrtApi, Name) / sizeof(void*)</c> for each name (OrtApiSlotsTests).
/// </remarks>
internal static class OrtApiSlots
{
    // API 1 (ORT 1.0 onwards).
    public const int GetErrorCode = 1;
    public const int GetErrorMessage = 2;
    public const int CreateEnv = 3;
    public const int CreateSession = 7;
    public const int CreateSessionFromArray = 8;
    public const int Run = 9;
    public const int CreateSessionOptions = 10;
    public const int EnableMemPattern = 16;
    public const int DisableMemPattern = 17;
    public const int EnableCpuMemArena = 18;
    public const int DisableCpuMemArena = 19;
    public const int SetSessionGraphOptimizationLevel = 23;
    public const int SetIntraOpNumThreads = 24;
    public const int SetInterOpNumThreads = 25;
    public const int SessionGetInputCount = 30;
    public const int SessionGetOutputCount = 31;
    public const int SessionGetInputName = 36;
    public const int SessionGetOutputName = 37;
    public const int CreateRunOptions = 39;
    public const int RunOptionsSetTerminate = 46;
    public const int CreateTensorWithDataAsOrtValue = 49;
    public const int GetTensorMutableData = 51;
    public const int GetTensorElementType = 60;
    public const int GetDimensionsCount = 61;
    public const int GetDimensions = 62;
    public const int GetTensorTypeAndShape = 65;
    public const int CreateMemoryInfo = 68;
    public const int CreateCpuMemoryInfo = 69;
    // Read back by the tests: no GPU here runs a CudaPinned binding, so they check what CreateMemoryInfo made.
    public const int MemoryInfoGetName = 71;
    public const int MemoryInfoGetId = 72;
    public const int MemoryInfoGetMemType = 73;
    public const int AllocatorFree = 76;
    public const int GetAllocatorWithDefaultOptions = 78;
    public const int ReleaseEnv = 92;
    public const int ReleaseStatus = 93;
    public const int ReleaseMemoryInfo = 94;
    public const int ReleaseSession = 95;
    public const int ReleaseValue = 96;
    public const int ReleaseRunOptions = 97;
    public const int ReleaseTensorTypeAndShapeInfo = 99;
    public const int ReleaseSessionOptions = 100;
    public const int GetAvailableProviders = 125;
    public const int ReleaseAvailableProviders = 126;
    public const int AddSessionConfigEntry = 130;

    // IO binding: older than the API 11 slots below, so MinimumApiVersion stays 11. RunWithBinding comes first,
    // before CreateIoBinding and the binding's own calls (counted in the 1.31.1 header). SynchronizeBoundInputs/Outputs (202, 203) are deliberately not bound: see OrtIoBinding.
    public const int RunWithBinding = 133;
    public const int CreateIoBinding = 134;
    public const int ReleaseIoBinding = 135;
    public const int BindInput = 136;
    public const int BindOutputToDevice = 138;
    public const int GetBoundOutputValues = 140;
    public const int ClearBoundInputs = 141;
    public const int ClearBoundOutputs = 142;

    // TensorRT provider options V2: older than the API 11 slots below, so MinimumApiVersion stays 11. Append, create,
    // update and release, in header order.
    // GetTensorRTProviderOptionsAsString (173) sits between update and release and is not bound.
    public const int SessionOptionsAppendExecutionProviderTensorRtV2 = 170;
    public const int CreateTensorRtProviderOptions = 171;
    public const int UpdateTensorRtProviderOptions = 172;
    public const int ReleaseTensorRtProviderOptions = 174;

    // API 11 (ORT 1.11): CUDA provider options V2. These are the newest slots we call, so they set
    // OrtRuntime.MinimumApiVersion.
    public const int SessionOptionsAppendExecutionProviderCudaV2 = 204;
    public const int CreateCudaProviderOptions = 205;
    public const int UpdateCudaProviderOptions = 206;
    public const int ReleaseCudaProviderOptions = 208;
}
