namespace MaoOcr.Inference.Onnx;

/// <summary>Where a session's output is bound (<see cref="SessionConfig.OutputBinding"/>).</summary>
public enum OutputBinding
{
    /// <summary>
    /// A plain <c>OrtApi::Run</c>. Right for the CPU provider: the input tensor is already built over our pinned
    /// buffer and the output is read in place, so a binding has no copy to save.
    /// </summary>
    None,

    /// <summary>
    /// Through an IO binding, output on ORT's CPU allocator. Saves nothing over <see cref="None"/> (the plain run
    /// allocates the same way); it exists so the binding path is run and tested on a machine without a GPU.
    /// </summary>
    Cpu,

    /// <summary>
    /// Through an IO binding, output in CUDA-pinned (page-locked) host memory on the CUDA provider's device: ORT's
    /// device-to-host copy is then one DMA straight into memory we read in place, instead of a copy staged through
    /// the driver's own pinned buffer into pageable memory. Needs the CUDA provider in <see cref="SessionConfig.ExecutionProviders"/>.
    /// </summary>
    CudaPinned,
}
