using BenchmarkDotNet.Running;

if (args is ["batching-overhead", ..])
{
    MaoOcr.Benchmarks.Pipeline.BatchingOverheadBenchmarks.RunInterleaved(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(MaoOcr.Benchmarks.Pipeline.PipelineInputs).Assembly).Run(args);
