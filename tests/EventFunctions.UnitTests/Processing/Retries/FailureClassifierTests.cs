using System.Net.Sockets;
using Azure;
using Azure.Data.Tables;
using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Orders.Payments;
using EventFunctions.Orders.ReserveStock;
using EventFunctions.Processing.Retries;

namespace EventFunctions.UnitTests.Processing.Retries;

public class FailureClassifierTests
{
    public static TheoryData<string, Exception, FailureKind> Cases() => new()
    {
        // Storage: unreachable (as the SDK reports exhausted retries), throttled, failing, racing, misconfigured.
        { "storage down", new AggregateException(new RequestFailedException(0, "Connection refused (127.0.0.1:10002)")), FailureKind.Transient },
        { "throttled", new RequestFailedException(429, "Too many requests", "TooManyRequests", null), FailureKind.Transient },
        { "server busy", new RequestFailedException(503, "The server is busy.", "ServerBusy", null), FailureKind.Transient },
        { "server error", new RequestFailedException(500, "Internal error", "InternalError", null), FailureKind.Transient },
        { "timeout", new RequestFailedException(408, "Operation timed out", "OperationTimedOut", null), FailureKind.Transient },
        { "etag race", new RequestFailedException(412, "Precondition failed", "UpdateConditionNotSatisfied", null), FailureKind.Transient },
        { "table missing", new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null), FailureKind.Transient },
        { "role missing", new RequestFailedException(403, "This request is not authorized", "AuthorizationPermissionMismatch", null), FailureKind.Transient },
        { "contention", new StockContentionException(20), FailureKind.Transient },
        { "socket", new SocketException((int)SocketError.ConnectionRefused), FailureKind.Transient },
        { "http", new HttpRequestException("gateway unavailable"), FailureKind.Transient },
        { "client timeout", new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"), FailureKind.Transient },
        // Kafka: brokers away or a retriable error, against a record the broker refuses for what it is.
        { "brokers away", new ProduceException<string, byte[]>(new Error(ErrorCode.Local_MsgTimedOut), null!), FailureKind.Transient },
        { "not leader", new KafkaException(ErrorCode.NotLeaderForPartition), FailureKind.Transient },
        { "record too large", new ProduceException<string, byte[]>(new Error(ErrorCode.MsgSizeTooLarge), null!), FailureKind.Permanent },
        { "invalid record", new KafkaException(ErrorCode.InvalidRecord), FailureKind.Permanent },
        // Requests rejected for what they hold, data that cannot be read, business impossibilities.
        { "property too large", new TableTransactionFailedException(new RequestFailedException(400, "The property value exceeds the maximum allowed size (64KB).", "PropertyValueTooLarge", null)), FailureKind.Permanent },
        { "invalid input", new RequestFailedException(400, "Bad Request", "InvalidInput", null), FailureKind.Permanent },
        { "poison", new PoisonEventException("unknown event type 'x'"), FailureKind.Permanent },
        { "gateway rejection", new PaymentRejectedException("amount_too_large", "too much"), FailureKind.Permanent },
        { "overflow", new OverflowException("Value was either too large or too small for a Decimal."), FailureKind.Permanent },
        { "corrupt row", new InvalidDataException("not a whole number"), FailureKind.Permanent },
        // Nobody said: a bug, most likely.
        { "bug", new NullReferenceException(), FailureKind.Unknown },
        { "misuse", new InvalidOperationException("Sequence contains no elements"), FailureKind.Unknown },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_fault_is_classified_by_whether_the_same_attempt_can_succeed_later(string fault, Exception exception, FailureKind kind)
    {
        Assert.True(kind == FailureClassifier.Classify(exception).Kind, fault);
    }

    [Fact]
    public void The_reason_is_one_bounded_line_naming_the_part_that_failed()
    {
        var storage = FailureClassifier.Classify(new AggregateException(
            new RequestFailedException(0, "Connection refused (127.0.0.1:10002)\nStatus: 0\nHeaders: ...")));
        var huge = FailureClassifier.Classify(new InvalidOperationException(new string('x', 5000)));

        Assert.Equal(FailureClassifier.Storage, storage.Source);
        Assert.Equal("unreachable: Connection refused (127.0.0.1:10002)", storage.Reason);
        Assert.Equal(Failure.MaxReasonLength, huge.Reason.Length);
        Assert.DoesNotContain('\n', huge.Reason);
    }
}
