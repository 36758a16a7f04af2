using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Messaging;

/// <summary>Events to and from Kafka records: JSON data, CloudEvents attributes in headers, the order id as key.</summary>
public static class EventCodec
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A missing or null field is a malformed event, not a default value.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static OutgoingRecord Encode(EventEnvelope envelope)
    {
        var headers = new List<RecordHeader>
        {
            RecordHeader.Text(CloudEventHeaders.Id, envelope.Id),
            RecordHeader.Text(CloudEventHeaders.Type, envelope.Type),
            RecordHeader.Text(CloudEventHeaders.Source, envelope.Source),
            RecordHeader.Text(CloudEventHeaders.SpecVersion, CloudEventHeaders.SpecVersionValue),
            RecordHeader.Text(CloudEventHeaders.Time, envelope.Time.ToString("O", CultureInfo.InvariantCulture)),
            RecordHeader.Text(CloudEventHeaders.Subject, envelope.Subject),
            RecordHeader.Text(CloudEventHeaders.ContentType, CloudEventHeaders.JsonContentType),
        };
        if (envelope.CausationId is { } causation)
            headers.Add(RecordHeader.Text(CloudEventHeaders.CausationId, causation));

        var value = JsonSerializer.SerializeToUtf8Bytes(envelope.Data, envelope.Data.GetType(), Json);
        return new OutgoingRecord(envelope.Topic, envelope.Subject, value, headers);
    }

    /// <summary>Reads an event, or throws <see cref="PoisonEventException"/> saying why it cannot be read.</summary>
    public static EventEnvelope Decode(IncomingRecord record)
    {
        var id = Header(record, CloudEventHeaders.Id);
        var typeName = Header(record, CloudEventHeaders.Type);
        var source = Header(record, CloudEventHeaders.Source);
        var type = EventTypes.Find(typeName)
            ?? throw new PoisonEventException($"unknown event type '{typeName}'");
        if (!Topics.Get(record.Topic).EventTypes.Contains(type))
            throw new PoisonEventException($"event type '{typeName}' does not belong on topic '{record.Topic}'");
        if (record.Value is null || record.Value.Length == 0)
            throw new PoisonEventException("empty value");

        IOrderEvent data;
        try
        {
            data = (IOrderEvent)(JsonSerializer.Deserialize(record.Value, type, Json)
                ?? throw new PoisonEventException("value is JSON null"));
        }
        catch (JsonException e)
        {
            throw new PoisonEventException($"malformed {typeName}: {e.Message}", e);
        }

        var key = record.Key is null ? null : System.Text.Encoding.UTF8.GetString(record.Key);
        if (!Identifiers.IsValid(data.OrderId))
            throw new PoisonEventException($"orderId '{data.OrderId}' is not an id: {Identifiers.Rule}");
        if (key != data.OrderId)
            throw new PoisonEventException($"key '{key}' is not the order id '{data.OrderId}': its partition would not keep the order's events in order");

        var time = TryHeader(record, CloudEventHeaders.Time) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : DateTimeOffset.UnixEpoch;
        return new EventEnvelope(id, source, time, TryHeader(record, CloudEventHeaders.CausationId), data);
    }

    private static string Header(IncomingRecord record, string name) =>
        TryHeader(record, name) is { Length: > 0 } value ? value : throw new PoisonEventException($"missing header '{name}'");

    private static string? TryHeader(IncomingRecord record, string name) =>
        record.Headers.LastOrDefault(h => h.Key == name)?.ValueAsText;
}
