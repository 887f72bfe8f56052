namespace MaoOcr.Benchmarks.EndToEnd.Soak;

/// <summary>Names of what was sent and of the checks that can fail, as the report spells them.</summary>
internal static class SoakCases
{
    public const string Good = "good";
    public const string Batch = "batch";
    public const string Ping = "ping";

    /// <summary>A request on an open connection without its final answer within the timeout.</summary>
    public const string NoAnswer = "no_answer";

    /// <summary>A second final message for one id.</summary>
    public const string AnsweredTwice = "answered_twice";

    /// <summary>An <c>ocr_start</c> or <c>ocr_progress</c> after the request's final message.</summary>
    public const string MessageAfterFinal = "message_after_final";

    /// <summary>An answer for an id never sent on that connection (or a second id-less refusal for one id-less message).</summary>
    public const string UnknownId = "answer_for_unknown_id";

    /// <summary>A good request refused with a code other than <c>busy</c> or <c>timeout</c>.</summary>
    public const string UndeservedError = "undeserved_error";

    /// <summary>A bad input accepted, or refused with another code than its own.</summary>
    public const string WrongError = "wrong_error";

    /// <summary>A batch answered with another number of results than it had images.</summary>
    public const string WrongResultCount = "wrong_result_count";

    /// <summary>A server message that is not a JSON object with a known type.</summary>
    public const string UnreadableMessage = "unreadable_message";

    /// <summary>The appliance closed or broke a connection the client had not dropped.</summary>
    public const string ConnectionLost = "connection_lost";

    public const string ConnectFailed = "connect_failed";

    /// <summary>The sampled appliance process went away during the run.</summary>
    public const string ServerExited = "server_exited";

    public const string RssDrift = "rss_drift";
    public const string ThreadGrowth = "thread_growth";
    public const string HandleGrowth = "handle_growth";
    public const string HandlesAtRest = "handles_at_rest";

    /// <summary>Refusals a good request may get under load; counted apart, never a failure.</summary>
    public static bool IsLoadRefusal(string? code) => code is "busy" or "timeout";
}
