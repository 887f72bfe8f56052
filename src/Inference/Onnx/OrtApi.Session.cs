using MaoOcr.Inference.Onnx.Handles;

namespace MaoOcr.Inference.Onnx;

/// <summary>The environment, session options, sessions and their runs.</summary>
internal readonly unsafe partial struct OrtApi
{
    public OrtEnvHandle CreateEnv(OrtLoggingLevel level, byte* logId)
    {
        nint env;
        Check(((delegate* unmanaged<int, byte*, nint*, nint>)Slot(OrtApiSlots.CreateEnv))((int)level, logId, &env));
        return new OrtEnvHandle(this, env);
    }

    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateSessionOptions))(&options));
        return new OrtSessionOptionsHandle(this, options);
    }

    /// <summary>Threads inside one operator; 0 lets ORT choose.</summary>
    public void SetIntraOpNumThreads(OrtSessionOptionsHandle options, int threads) => SetOption(OrtApiSlots.SetIntraOpNumThreads, options, threads);

    /// <summary>Threads across independent operators; 0 lets ORT choose.</summary>
    public void SetInterOpNumThreads(OrtSessionOptionsHandle options, int threads) => SetOption(OrtApiSlots.SetInterOpNumThreads, options, threads);

    public void SetSessionGraphOptimizationLevel(OrtSessionOptionsHandle options, GraphOptimizationLevel level)
        => SetOption(OrtApiSlots.SetSessionGraphOptimizationLevel, options, (int)level);

    public void EnableMemPattern(OrtSessionOptionsHandle options) => SetOption(OrtApiSlots.EnableMemPattern, options);

    public void DisableMemPattern(OrtSessionOptionsHandle options) => SetOption(OrtApiSlots.DisableMemPattern, options);

    public void EnableCpuMemArena(OrtSessionOptionsHandle options) => SetOption(OrtApiSlots.EnableCpuMemArena, options);

    public void DisableCpuMemArena(OrtSessionOptionsHandle options) => SetOption(OrtApiSlots.DisableCpuMemArena, options);

    /// <summary>One <c>AddSessionConfigEntry</c> pair; both strings null-terminated UTF-8, copied by ORT.</summary>
    public void AddSessionConfigEntry(OrtSessionOptionsHandle options, byte* key, byte* value)
        => Check(((delegate* unmanaged<nint, byte*, byte*, nint>)Slot(OrtApiSlots.AddSessionConfigEntry))(Native(options), key, value));

    /// <summary>Loads the model at <paramref name="modelPath"/> (null-terminated UTF-8).</summary>
    public OrtSessionHandle CreateSession(OrtEnvHandle env, byte* modelPath, OrtSessionOptionsHandle options)
    {
        nint session;
        Check(((delegate* unmanaged<nint, byte*, nint, nint*, nint>)Slot(OrtApiSlots.CreateSession))(Native(env), modelPath, Native(options), &session));
        return new OrtSessionHandle(this, session);
    }

    /// <summary>Loads a model from <paramref name="length"/> bytes at <paramref name="data"/>, which ORT copies.</summary>
    public OrtSessionHandle CreateSessionFromArray(OrtEnvHandle env, void* data, nuint length, OrtSessionOptionsHandle options)
    {
        nint session;
        Check(((delegate* unmanaged<nint, void*, nuint, nint, nint*, nint>)Slot(OrtApiSlots.CreateSessionFromArray))(
            Native(env), data, length, Native(options), &session));
        return new OrtSessionHandle(this, session);
    }

    /// <summary>The model's input names, in order.</summary>
    public string[] SessionGetInputNames(OrtSessionHandle session) => ReadNames(
        session,
        (delegate* unmanaged<nint, nuint*, nint>)Slot(OrtApiSlots.SessionGetInputCount),
        (delegate* unmanaged<nint, nuint, nint, byte**, nint>)Slot(OrtApiSlots.SessionGetInputName));

    /// <summary>The model's output names, in order.</summary>
    public string[] SessionGetOutputNames(OrtSessionHandle session) => ReadNames(
        session,
        (delegate* unmanaged<nint, nuint*, nint>)Slot(OrtApiSlots.SessionGetOutputCount),
        (delegate* unmanaged<nint, nuint, nint, byte**, nint>)Slot(OrtApiSlots.SessionGetOutputName));

    public OrtRunOptionsHandle CreateRunOptions()
    {
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)Slot(OrtApiSlots.CreateRunOptions))(&options));
        return new OrtRunOptionsHandle(this, options);
    }

    /// <summary>Asks the run that uses <paramref name="runOptions"/> to stop between operators; it then fails with an <see cref="OrtException"/>.</summary>
    public void RunOptionsSetTerminate(OrtRunOptionsHandle runOptions)
        => Check(((delegate* unmanaged<nint, nint>)Slot(OrtApiSlots.RunOptionsSetTerminate))(Native(runOptions)));

    /// <summary>
    /// Runs <paramref name="session"/> on one input and returns its one output, allocated by ORT and owned by the
    /// caller. <paramref name="runOptions"/> may be null (ORT's defaults).
    /// </summary>
    public OrtValueHandle Run(OrtSessionHandle session, OrtRunOptionsHandle? runOptions, byte* inputName, OrtValueHandle input, byte* outputName)
    {
        nint inputValue = Native(input);
        nint output = 0;
        nint status = ((delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Slot(OrtApiSlots.Run))(
            Native(session), runOptions is null ? 0 : Native(runOptions), &inputName, &inputValue, 1, &outputName, 1, &output);
        if (status != 0 && output != 0)
        {
            // ORT sets the output only on success; should a build leave one behind on failure, it is released, not leaked.
            ReleaseValue(output);
        }
        Check(status);
        return new OrtValueHandle(this, output);
    }

    // `OrtStatus* (*)(OrtSessionOptions*, int)`: the thread counts and the optimisation level (a C enum).
    private void SetOption(int slot, OrtSessionOptionsHandle options, int value)
        => Check(((delegate* unmanaged<nint, int, nint>)Slot(slot))(Native(options), value));

    // `OrtStatus* (*)(OrtSessionOptions*)`: the arena switches.
    private void SetOption(int slot, OrtSessionOptionsHandle options)
        => Check(((delegate* unmanaged<nint, nint>)Slot(slot))(Native(options)));

    /// <summary>Each name is a copy from ORT's default allocator, read and then freed with it.</summary>
    private string[] ReadNames(OrtSessionHandle session, delegate* unmanaged<nint, nuint*, nint> getCount, delegate* unmanaged<nint, nuint, nint, byte**, nint> getName)
    {
        nint handle = Native(session);
        nint allocator = GetAllocatorWithDefaultOptions();
        nuint count;
        Check(getCount(handle, &count));
        var names = new string[(int)count];
        for (int i = 0; i < names.Length; i++)
        {
            byte* name;
            Check(getName(handle, (nuint)i, allocator, &name));
            names[i] = Utf8Z.Read(name);
            AllocatorFree(allocator, name);
        }
        return names;
    }
}
