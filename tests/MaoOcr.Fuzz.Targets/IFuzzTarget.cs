namespace MaoOcr.Fuzz.Targets;

/// <summary>
/// One parser under fuzzing. <see cref="Run"/> feeds it one input and checks its contract: a result or its documented
/// typed refusal. Anything else escapes as an exception, which the fuzzer records as a crash.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line and of the corpus folder, such as <c>frame-header</c>.</summary>
    string Name { get; }

    /// <summary>Runs the parser once on <paramref name="input"/>; the work is bounded by the input's length.</summary>
    /// <exception cref="ContractViolationException">The parser returned something its contract rules out.</exception>
    void Run(ReadOnlySpan<byte> input);
}
