namespace MaoOcr.Fuzz.Targets;

/// <summary>A parser returned without throwing, but with a result its contract rules out (a crash all the same).</summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException()
    {
    }

    public ContractViolationException(string message) : base(message)
    {
    }

    public ContractViolationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
