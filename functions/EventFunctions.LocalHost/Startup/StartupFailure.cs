using Azure;

namespace EventFunctions.LocalHost.Startup;

/// <summary>
/// A service the host needs before it can start, and cannot reach: said in one line, what and where, why, and what to
/// do. The host stops with that line rather than with the stack trace of every retry that led to it.
/// </summary>
public sealed class StartupFailure(string message, Exception cause) : Exception(message, cause)
{
    /// <summary>Why <paramref name="exception"/> means the service was never reached (no answer at all), or null if it answered.</summary>
    public static string? Unreachable(Exception exception) => exception switch
    {
        // The Azure SDK gives up with an AggregateException of its attempts; they all failed alike.
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Unreachable).FirstOrDefault(reason => reason is not null),
        RequestFailedException { Status: 0 } or HttpRequestException => exception.Message.Split('\n', 2)[0].Trim(),
        _ => null,
    };
}
