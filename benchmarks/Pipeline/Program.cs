using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MaoOcr.Benchmarks.Pipeline.PipelineInputs).Assembly).Run(args);
