using MaoOcr.Inference.Batching;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Onnx;
using MaoOcr.Inference.Runners;

namespace MaoOcr.Inference.Pipeline;

/// <summary>
/// The three model sessions behind their runners. The device decides the kind unless the options name one:
/// on the CPU each call runs on the request's thread, as the appliance's queue workers already run one request
/// each; on CUDA calls of concurrent requests are batched (<see cref="KindFor"/>).
/// </summary>
internal sealed class EngineRunners : IDisposable
{
    private EngineRunners(ModelRunnerKind kind, EngineBatching? batching, IModelRunner detection, IModelRunner classifier, IModelRunner recognition)
    {
        Kind = kind;
        Batching = batching;
        Detection = detection;
        Classifier = classifier;
        Recognition = recognition;
    }

    /// <summary><see cref="ModelRunnerKind.Direct"/> or <see cref="ModelRunnerKind.Batching"/>.</summary>
    public ModelRunnerKind Kind { get; }

    /// <summary>The batching in effect; null with the direct runner.</summary>
    public EngineBatching? Batching { get; }

    public IModelRunner Detection { get; }

    public IModelRunner Classifier { get; }

    public IModelRunner Recognition { get; }

    /// <summary>
    /// The runner <paramref name="requested"/> comes to on <paramref name="device"/>: auto batches only on a GPU
    /// (CUDA or TensorRT). On the CPU one run of many rows costs as much as the runs of its parts, so a batch saves
    /// nothing, and waiting for one only adds latency (benchmarks/RESULTS.md, "The model runner on the CPU: direct or batching").
    /// </summary>
    public static ModelRunnerKind KindFor(ModelRunnerKind requested, InferenceDevice device) => requested switch
    {
        ModelRunnerKind.Auto => device.IsGpu() ? ModelRunnerKind.Batching : ModelRunnerKind.Direct,
        _ => requested,
    };

    /// <summary>Puts each session behind its runner; on failure, disposes every session, behind a runner or not.</summary>
    public static EngineRunners Create(EngineSessions sessions, OcrEngineOptions options)
    {
        ModelRunnerKind kind = KindFor(options.ModelRunner, sessions.Device);
        EngineBatching? batching = kind == ModelRunnerKind.Batching ? BatchingFor(sessions.Device, options) : null;
        var runners = new List<IModelRunner>(3);
        try
        {
            runners.Add(Wrap("detection", sessions.Detection, batching?.Detection));
            runners.Add(Wrap("classifier", sessions.Classifier, batching?.Classification));
            runners.Add(Wrap("recognition", sessions.Recognition, batching?.Recognition));
            return new EngineRunners(kind, batching, runners[0], runners[1], runners[2]);
        }
        catch
        {
            foreach (IModelRunner runner in runners)
            {
                runner.Dispose();
            }
            // Sessions not yet behind a runner.
            foreach (OrtSession session in new[] { sessions.Detection, sessions.Classifier, sessions.Recognition }.Skip(runners.Count))
            {
                session.Dispose();
            }
            throw;
        }
    }

    public void Dispose()
    {
        Detection.Dispose();
        Classifier.Dispose();
        Recognition.Dispose();
    }

    /// <summary>The options' batching, else the device's (<see cref="OcrEngineOptions.GpuBatching"/> on a GPU), with <see cref="OcrEngineOptions.BatchMaxWait"/> applied.</summary>
    internal static EngineBatching BatchingFor(InferenceDevice device, OcrEngineOptions options)
    {
        EngineBatching batching = options.Batching ?? (device.IsGpu() ? options.GpuBatching : EngineBatching.ForCpu());
        return options.BatchMaxWait is TimeSpan wait ? batching.WithMaxWait(wait) : batching;
    }

    private static IModelRunner Wrap(string name, OrtSession session, ModelBatchPolicy? policy)
        => policy is null ? new DirectModelRunner(session) : new BatchingModelRunner(name, session, policy);
}
