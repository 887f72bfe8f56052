using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MaoOcr.Fleet.Driver;

/// <summary>
/// Every request the clients sent and every final answer they received, shared by all clients. The fleet script
/// asserts on its summary: one final answer per request, none twice, no error a user would see, the right text.
/// </summary>
internal sealed class AnswerLedger
{
    // A character error rate above this is a wrong answer (the JS client tests use the same bound).
    private const double MaxErrorRate = 0.1;

    private readonly ConcurrentDictionary<string, int> _finalMessages = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _wrongText = new();
    private readonly ConcurrentQueue<string> _unanswered = new();
    private readonly ConcurrentDictionary<string, byte> _answeredIds = new(StringComparer.Ordinal);
    private int _requests;
    private int _answered;
    private int _reconnects;
    private int _answeredAcrossReconnect;

    /// <summary>A final message (ocr_complete or ocr_error) the client raised for a wire id.</summary>
    public void FinalMessage(string wireId) => _finalMessages.AddOrUpdate(wireId, 1, (_, n) => n + 1);

    public void Sent() => Interlocked.Increment(ref _requests);

    public void Reconnecting() => Interlocked.Increment(ref _reconnects);

    /// <summary>A request whose connection dropped while it waited: the SDK sent it again after reconnecting.</summary>
    public void AnsweredAcrossReconnect() => Interlocked.Increment(ref _answeredAcrossReconnect);

    public void Answered(string requestName, string wireId, FixtureImage image, string text)
    {
        if (!_answeredIds.TryAdd(wireId, 0))
        {
            _errors.Enqueue($"{requestName}: answer id {wireId} was already the answer of another request");
        }
        double rate = image.ErrorRate(text);
        if (rate > MaxErrorRate)
        {
            _wrongText.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{requestName} ({image.Name}): \"{text}\", error rate {rate:F2}"));
        }
        int answered = Interlocked.Increment(ref _answered);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"answered {answered}"));
    }

    /// <summary>An error the app would have to show its user.</summary>
    public void Error(string requestName, Exception error) => _errors.Enqueue($"{requestName}: {error.GetType().Name}: {error.Message}");

    public void Unanswered(string requestName) => _unanswered.Enqueue(requestName);

    public string ToJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("requests", _requests);
            json.WriteNumber("answered", _answered);
            json.WriteNumber("reconnects", _reconnects);
            json.WriteNumber("answeredAcrossReconnect", _answeredAcrossReconnect);
            WriteList(json, "errors", _errors);
            WriteList(json, "wrongText", _wrongText);
            WriteList(json, "unanswered", _unanswered);
            WriteList(json, "answeredTwice", _finalMessages.Where(p => p.Value > 1).Select(p => $"{p.Key} ({p.Value} final messages)"));
            // An answer the call returned that the client never announced as a final message.
            WriteList(json, "answersWithoutEvent", _answeredIds.Keys.Where(id => !_finalMessages.ContainsKey(id)));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> items)
    {
        json.WriteStartArray(name);
        foreach (string item in items)
        {
            json.WriteStringValue(item);
        }
        json.WriteEndArray();
    }
}
