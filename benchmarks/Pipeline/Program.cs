using BenchmarkDotNet.Running;

if (args is ["batching-overhead", ..])
{
    MaoOcr.Benchmarks.Pipeline.BatchingOverheadBenchmarks.RunInterleaved(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200, Console.Out);
    return;
}

if (args is ["orientation-cost", ..])
{
    MaoOcr.Benchmarks.Pipeline.OrientationCost.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10, Console.Out);
    return;
}

if (args is ["memory", string directory, ..])
{
    MaoOcr.Benchmarks.Pipeline.EngineMemory.Run(directory, args.Length > 2 && int.TryParse(args[2], out int passes) ? passes : 2, args.Contains("--arena"), Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MaoOcr.Benchmarks.Pipeline.PipelineInputs).Assembly).Run(args);
