using System.Runtime.CompilerServices;

namespace MaoOcr.Fuzz.Targets;

/// <summary>The one place the targets throw from: the condition's own text is the message, as in Debug.Assert.</summary>
internal static class Contract
{
    /// <exception cref="ContractViolationException"><paramref name="condition"/> is false.</exception>
    public static void That(bool condition, [CallerArgumentExpression(nameof(condition))] string? expression = null)
    {
        if (!condition)
        {
            Fail(expression ?? "a contract");
        }
    }

    /// <exception cref="ContractViolationException">Always.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail(string what) => throw new ContractViolationException($"Contract broken: {what}");
}
