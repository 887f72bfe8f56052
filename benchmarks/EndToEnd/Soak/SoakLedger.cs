using System.Globalization;

namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>
/// The soak's bookkeeping, shared by all clients: what was sent, how it was answered, and every failed check with the
/// first few examples in full (id, what was expected, what came), so that a failure can be reproduced.
/// </summary>
internal sealed class SoakLedger
{
    /// <summary>Examples kept in full; the counts go on past them.</summary>
    private const int MaxExamples = 40;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _actions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _sent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _loadRefusals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly List<string> _examples = [];
    private int _answered;
    private int _abandoned;
    private int _connections;

    public void Action(SoakAction action) => Count(_actions, action.ToString());

    public void Sent(SoakExpectation expectation) => Count(_sent, expectation.Case);

    /// <summary>A final answer (or a pong) received for a message that was owed one; <paramref name="outcome"/> is what it was.</summary>
    public void Answered(SoakExpectation expectation, string outcome)
    {
        lock (_gate)
        {
            _answered++;
            _outcomes[expectation.Case + " -> " + outcome] = _outcomes.GetValueOrDefault(expectation.Case + " -> " + outcome) + 1;
        }
    }

    /// <summary>A <c>busy</c> or <c>timeout</c> answer: allowed under load, and reported.</summary>
    public void LoadRefusal(string code) => Count(_loadRefusals, code);

    /// <summary>Messages left unanswered on a connection the client cancelled or dropped: not owed an answer.</summary>
    public void Abandoned(int count)
    {
        lock (_gate)
        {
            _abandoned += count;
        }
    }

    public void Connected()
    {
        lock (_gate)
        {
            _connections++;
        }
    }

    public void Fail(string check, string detail)
    {
        lock (_gate)
        {
            _failures[check] = _failures.GetValueOrDefault(check) + 1;
            if (_examples.Count < MaxExamples)
            {
                _examples.Add(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {check}: {detail}"));
            }
        }
    }

    public SoakCounts Snapshot()
    {
        lock (_gate)
        {
            return new SoakCounts(
                Copy(_actions), Copy(_sent), _sent.Values.Sum(), _answered, _abandoned, _connections,
                Copy(_outcomes), Copy(_loadRefusals), Copy(_failures), [.. _examples]);
        }
    }

    private void Count(Dictionary<string, int> counts, string key)
    {
        lock (_gate)
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
    }

    // Sorted, so that two reports of one seed line up.
    private static SortedDictionary<string, int> Copy(Dictionary<string, int> counts) => new(counts, StringComparer.Ordinal);
}

/// <summary>A snapshot of <see cref="SoakLedger"/>.</summary>
internal sealed record SoakCounts(
    SortedDictionary<string, int> Actions,
    SortedDictionary<string, int> SentByCase,
    int Sent,
    int Answered,
    int Abandoned,
    int Connections,
    SortedDictionary<string, int> Outcomes,
    SortedDictionary<string, int> LoadRefusals,
    SortedDictionary<string, int> Failures,
    List<string> FailureExamples);
