using MaoOcr.Appliance.Configuration;
using MaoOcr.Inference.Devices;
using MaoOcr.Inference.Pipeline;
using Microsoft.Extensions.Options;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// Loads the engine in the background at start-up and warms every model, so the port opens at once and
/// <c>/readyz</c> turns ready only when a request would not pay the first-run cost.
/// </summary>
public sealed class EngineHost : BackgroundService
{
    private readonly InferenceSettings _settings;
    private readonly ILogger<EngineHost> _logger;
    private readonly TaskCompletionSource<OcrEngine> _engine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EngineHost(IOptions<InferenceSettings> settings, ILogger<EngineHost> logger)
    {
        _settings = settings.Value;
        _logger = logger;
    }

    /// <summary>The warm engine, or null while loading or after a failure (see <see cref="Failure"/>).</summary>
    public OcrEngine? Engine => _engine.Task.IsCompletedSuccessfully ? _engine.Task.Result : null;

    /// <summary>Why the engine could not be loaded, if it could not.</summary>
    public string? Failure { get; private set; }

    /// <summary>Completes when the engine is warm (or faults when it cannot load).</summary>
    public Task<OcrEngine> Ready => _engine.Task;

    /// <summary>
    /// Stops a load still in progress and waits for it before releasing the engine: exiting, or disposing the engine,
    /// while ONNX Runtime builds sessions on the loading thread crashed the process (SIGSEGV when <c>maoocr serve</c>
    /// could not bind its port and ended during the load).
    /// </summary>
    public override void Dispose()
    {
        // Cancels the stopping token the load watches.
        base.Dispose();
        try
        {
            ExecuteTask?.Wait(s_loadStopWait);
        }
        catch (AggregateException)
        {
            // The load reports its own failures.
        }
        Engine?.Dispose();
    }

    /// <summary>How long a stop waits for the load to notice (it checks between models and warm-up shapes: seconds at most).</summary>
    private static readonly TimeSpan s_loadStopWait = TimeSpan.FromSeconds(30);

    // Not with the stopping token: a load cancelled before it began must still complete Ready.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => Load(stoppingToken), CancellationToken.None);

    private void Load(CancellationToken stoppingToken)
    {
        OcrEngine? engine = null;
        try
        {
            // One warning per GPU provider auto passes over (TensorRT, then CUDA), naming why; the ready line says what was used.
            OcrEngineOptions options = _settings.ToEngineOptions(
                fallback => _logger.LogWarning("Inference:Device is {Device}; not using {Provider} because {Reason}", _settings.Device, fallback.Device.SettingName(), fallback.Reason));
            engine = OcrEngine.Create(options, stoppingToken);
            // Every bucketed shape is run once here; /readyz turns ready only after it.
            engine.WarmUp(stoppingToken);
            // The warm-up's largest tensors are not what an idle box should keep resident (about 80 MB on the CPU).
            OcrEngine.ReleaseIdleMemory();
            _logger.LogInformation("Engine ready on {Device} ({Runner} model runner): ONNX Runtime {Version}, models in {Models}", engine.Device, engine.ModelRunner, engine.RuntimeVersion, engine.Models.Directory);
            _engine.SetResult(engine);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while loading: nobody else will ever see this engine.
            engine?.Dispose();
            _engine.TrySetCanceled(stoppingToken);
        }
        catch (Exception e)
        {
            engine?.Dispose();
            Failure = e.Message;
            _logger.LogError("The engine could not be loaded: {Reason}", e.Message);
            _engine.TrySetException(e);
        }
    }
}
