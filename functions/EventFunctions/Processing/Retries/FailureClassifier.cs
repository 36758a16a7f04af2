using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Confluent.Kafka;
using EventFunctions.Messaging;

namespace EventFunctions.Processing.Retries;

/// <summary>
/// Tells transient faults from permanent ones, by the question "can the same attempt succeed later, unchanged?".
/// Unreachable, throttled or failing services, races on an ETag, and configuration an operator must fix (a missing
/// table, a missing role) can: the partition waits. A request a service rejects for what it contains, an event that
/// cannot be read, a number out of range cannot: the event is settled. Anything else is <see cref="FailureKind.Unknown"/>.
/// </summary>
public static class FailureClassifier
{
    public const string Storage = "Table Storage";
    public const string Kafka = "Kafka";

    public static Failure Classify(Exception exception) => Unwrap(exception) switch
    {
        PermanentFailureException e => Failure.Permanent(e.FailedPart, e.Message),
        TransientFailureException e => Failure.Transient(e.FailedPart, e.Message),
        PoisonEventException e => Failure.Permanent("event", e.Message),
        RequestFailedException e => OfStorage(e),
        KafkaException e => OfKafka(e.Error),
        HttpRequestException or SocketException or TimeoutException or IOException
            => Failure.Transient("network", Describe(exception)),
        // Not the host's own cancellation (callers let that through): a client's timeout.
        OperationCanceledException => Failure.Transient("network", "timed out: " + Describe(exception)),
        ArithmeticException or FormatException or InvalidDataException or JsonException
            => Failure.Permanent("data", Describe(exception)),
        var e => Failure.Unknown("code", Describe(e)),
    };

    private static Failure OfStorage(RequestFailedException e)
    {
        var what = $"{(e.Status == 0 ? "unreachable" : e.Status.ToString())}{(e.ErrorCode is { } code ? " " + code : "")}: {FirstLine(e.Message)}";
        return e.Status switch
        {
            0 or 408 or 429 or >= 500 => Failure.Transient(Storage, what),
            // A write raced another one (an ETag, an entity that appeared meanwhile): the next attempt re-reads.
            409 or 412 => Failure.Transient(Storage, "concurrent write: " + what),
            // Configuration, not the event: waits until an operator restores the table or the role.
            403 => Failure.Transient(Storage, "access refused (check the identity's roles): " + what),
            404 when e.ErrorCode == "TableNotFound" => Failure.Transient(Storage, "table missing: " + what),
            _ => Failure.Permanent(Storage, "request rejected: " + what),
        };
    }

    private static Failure OfKafka(Error error) => error.Code switch
    {
        // The broker refuses this record for what it is; sending it again gets the same answer.
        ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidRecord
            => Failure.Permanent(Kafka, $"record refused: {error.Code}: {error.Reason}"),
        _ => Failure.Transient(Kafka, $"{error.Code}: {error.Reason}"),
    };

    /// <summary>The Azure SDK reports exhausted retries as an AggregateException of the attempts; its first attempt says why.</summary>
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: > 0 } aggregate ? Unwrap(aggregate.Flatten().InnerExceptions[0]) : exception;

    private static string Describe(Exception exception)
    {
        var inner = Unwrap(exception);
        return $"{inner.GetType().Name}: {FirstLine(inner.Message)}";
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
