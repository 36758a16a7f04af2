using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.Messaging;

/// <summary>Events to and from Kafka records: JSON data, CloudEvents attributes in headers, the order id as key.</summary>
public static class EventCodec
{
    /// <summary>The options event data is read and written with (<see cref="EventJson.Options"/>).</summary>
    public static readonly JsonSerializerOptions Json = EventJson.Options;

    /// <summary>
    /// The record of <paramref name="envelope"/>, carrying <paramref name="trace"/> (the span it was created in) as W3C
    /// trace headers: they are stored with the outbox, so a re-published event keeps its context.
    /// </summary>
    public static OutgoingRecord Encode(EventEnvelope envelope, ActivityContext trace = default)
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
            RecordHeader.Text(CloudEventHeaders.DataSchema, EventSchemas.CurrentUriOf(envelope.Data.GetType())),
        };
        if (envelope.CausationId is { } causation)
            headers.Add(RecordHeader.Text(CloudEventHeaders.CausationId, causation));
        headers.AddRange(TraceHeaders.Of(trace));

        var value = JsonSerializer.SerializeToUtf8Bytes(envelope.Data, envelope.Data.GetType(), Json);
        return OutgoingRecord.Keyed(envelope.Topic, envelope.Subject, value, headers);
    }

    /// <summary>
    /// Reads an event, or throws <see cref="PoisonEventException"/> saying why it is not one of the pipeline's: its
    /// headers, type, topic, value, key or provenance (<see cref="Provenance"/>). Text is read strictly: bytes that
    /// are not UTF-8 are refused, never repaired into another id.
    /// </summary>
    public static EventEnvelope Decode(IncomingRecord record)
    {
        var id = Header(record, CloudEventHeaders.Id);
        if (!Identifiers.IsValidEventId(id))
            throw new PoisonEventException($"ce_id '{id}' is not an event id: {Identifiers.EventIdRule}");
        var typeName = Header(record, CloudEventHeaders.Type);
        var source = Header(record, CloudEventHeaders.Source);
        var type = EventTypes.Find(typeName)
            ?? throw new PoisonEventException($"unknown event type '{typeName}'");
        if (!Topics.Get(record.Topic).EventTypes.Contains(type))
            throw new PoisonEventException($"event type '{typeName}' does not belong on topic '{record.Topic}'");
        if (record.Value is null || record.Value.Length == 0)
            throw new PoisonEventException(record.Value is null ? "no value (a tombstone)" : "empty value");

        var version = VersionOf(record, typeName);
        IOrderEvent data;
        try
        {
            data = EventData.Read(type, version, record.Value) ?? throw new PoisonEventException("value is JSON null");
        }
        catch (JsonException e)
        {
            throw new PoisonEventException($"malformed {typeName}: {e.Message}", e);
        }

        var key = record.Key is null ? null : new RecordHeader("key", record.Key).StrictText()
            ?? throw new PoisonEventException("key is not UTF-8 text");
        if (!Identifiers.IsValid(data.OrderId))
            throw new PoisonEventException($"orderId '{data.OrderId}' is not an id: {Identifiers.Rule}");
        if (key != data.OrderId)
            throw new PoisonEventException($"key '{key}' is not the order id '{data.OrderId}': its partition would not keep the order's events in order");

        var causation = TryHeader(record, CloudEventHeaders.CausationId);
        if (causation is not null && !Identifiers.IsValidEventId(causation))
            throw new PoisonEventException($"ce_causationid '{causation}' is not an event id: {Identifiers.EventIdRule}");
        var time = TryHeader(record, CloudEventHeaders.Time) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : DateTimeOffset.UnixEpoch;
        var envelope = new EventEnvelope(id!, source, time, causation, data);
        if (Provenance.Problem(envelope, record.Topic) is { } problem)
            throw new PoisonEventException("not an event of the pipeline: " + problem);
        return envelope;
    }

    /// <summary>
    /// The schema version of a record's data: the one its <c>ce_dataschema</c> names, or v1 for a record written before
    /// versions existed. A schema of another type, or none of ours, makes the record unreadable.
    /// </summary>
    public static int VersionOf(IncomingRecord record, string typeName) => VersionOf(record.Headers, typeName);

    public static int VersionOf(IReadOnlyList<RecordHeader> headers, string typeName) =>
        TryHeader(headers, CloudEventHeaders.DataSchema) is not { } schema ? EventSchemas.Unversioned
        : EventSchemas.VersionIn(schema, typeName)
            ?? throw new PoisonEventException($"ce_dataschema '{schema}' is not a schema of {typeName}");

    private static string Header(IncomingRecord record, string name) =>
        TryHeader(record, name) is { Length: > 0 } value ? value : throw new PoisonEventException($"missing header '{name}'");

    /// <summary>The last header of that name as text; one that is present but not UTF-8 makes the record unreadable.</summary>
    private static string? TryHeader(IncomingRecord record, string name) => TryHeader(record.Headers, name);

    private static string? TryHeader(IReadOnlyList<RecordHeader> headers, string name) =>
        headers.LastOrDefault(h => h.Key == name) is not { } header ? null
        : header.Value is null ? null
        : header.StrictText() ?? throw new PoisonEventException($"header '{name}' is not UTF-8 text");
}
