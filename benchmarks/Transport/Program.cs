using BenchmarkDotNet.Running;
using MaoOcr.Benchmarks.Transport.Load;

// `load ...` runs the load client against TransportEcho servers; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]).ConfigureAwait(false);
}
BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
return 0;
