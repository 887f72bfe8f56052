using MaoOcr.Fuzz;
using MaoOcr.Fuzz.Targets;

// maoocr-fuzz TARGET                   under the libFuzzer driver (run.sh): one input per request on the control pipe
// maoocr-fuzz TARGET --replay PATH...  each file, or each file of each folder, once, without libFuzzer: triage and regressions
// maoocr-fuzz --list                   the target names
const string ShmVariable = "__LIBFUZZER_SHM_ID";

if (args is ["--list"])
{
    foreach (IFuzzTarget each in FuzzTargets.All)
    {
        Console.WriteLine(each.Name);
    }
    return 0;
}
if (args.Length == 0 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: maoocr-fuzz TARGET [--replay FILE|DIR...] | --list; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}
if (args.Length > 1)
{
    return args[1] == "--replay" && args.Length > 2 ? InputReplay.Run(target, args[2..]) : 2;
}
if (Environment.GetEnvironmentVariable(ShmVariable) is null)
{
    // Without the driver SharpFuzz would read args[0] as an input file; say what to do instead.
    Console.Error.WriteLine($"{ShmVariable} is not set: run this under the libFuzzer driver (benchmarks/Fuzz/run.sh), or pass --replay.");
    return 2;
}
SharpFuzz.Fuzzer.LibFuzzer.Run(span => target.Run(span));
return 0;
