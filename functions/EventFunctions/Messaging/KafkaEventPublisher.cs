using Confluent.Kafka;

namespace EventFunctions.Messaging;

/// <summary>
/// The pipeline's own producer: idempotent, acks=all, and awaited. The Functions Kafka output binding only logs
/// failed deliveries, so a batch would be acknowledged with its follow-on events lost; here a failure throws.
/// </summary>
public sealed class KafkaEventPublisher : IEventPublisher, IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> producer;

    public KafkaEventPublisher(KafkaConnection connection)
    {
        producer = new ProducerBuilder<byte[]?, byte[]?>(connection.ProducerConfig()).Build();
    }

    public async Task PublishAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0) return;
        // Produce all before awaiting any: the idempotent producer keeps per-partition order and batches them.
        var deliveries = records.Select(r => SendAsync(r, cancellationToken)).ToArray();
        await Task.WhenAll(deliveries);
    }

    /// <summary>One record, in a <c>send</c> span of the trace its headers name.</summary>
    private async Task SendAsync(OutgoingRecord record, CancellationToken cancellationToken)
    {
        using var send = MessagingSpans.StartSend(record);
        try
        {
            var delivered = await producer.ProduceAsync(record.Topic, ToMessage(record), cancellationToken);
            MessagingSpans.Delivered(send, delivered.Partition.Value, delivered.Offset.Value);
        }
        catch (Exception e)
        {
            send?.AddException(e);
            send?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private static Message<byte[]?, byte[]?> ToMessage(OutgoingRecord record)
    {
        var headers = new Headers();
        foreach (var header in record.Headers) headers.Add(header.Key, header.Value);
        return new Message<byte[]?, byte[]?>
        {
            Key = record.Key,
            Value = record.Value,
            Headers = headers,
            Timestamp = record.Timestamp is { } at ? new Timestamp(at) : Timestamp.Default,
        };
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }
}
