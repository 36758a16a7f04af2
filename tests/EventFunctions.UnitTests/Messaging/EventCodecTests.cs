using System.Text;
using EventFunctions.Messaging;

namespace EventFunctions.UnitTests.Messaging;

public class EventCodecTests
{
    private static readonly EventEnvelope Validated = new(
        DeterministicId.For(ConsumerGroups.ValidateOrder, "cause-1"), "/eventfunctions/validate-order", TestEvents.Now, "cause-1", TestEvents.Validated("o-7"));

    [Fact]
    public void An_event_travels_as_JSON_keyed_by_its_order_with_CloudEvents_headers()
    {
        var record = EventCodec.Encode(Validated);

        Assert.Equal((Topics.OrdersValidated, "o-7"), (record.Topic, record.KeyText));
        var headers = record.Headers.ToDictionary(h => h.Key, h => h.ValueAsText);
        Assert.Equal(new Dictionary<string, string>
        {
            ["ce_id"] = Validated.Id,
            ["ce_type"] = "eventfunctions.OrderValidated",
            ["ce_source"] = "/eventfunctions/validate-order",
            ["ce_specversion"] = "1.0",
            ["ce_time"] = "2026-11-23T09:00:00.0000000+00:00",
            ["ce_subject"] = "o-7",
            ["content-type"] = "application/json",
            ["ce_dataschema"] = "urn:eventfunctions:schema:eventfunctions.OrderValidated:v2",
            ["ce_causationid"] = "cause-1",
        }, headers);
        Assert.StartsWith("{\"orderId\":\"o-7\",\"customerId\":\"c-1\",", Encoding.UTF8.GetString(record.Value!));
    }

    [Fact]
    public void Decoding_what_was_encoded_gives_the_same_event()
    {
        var decoded = EventCodec.Decode(TestEvents.Record(Validated));

        Assert.Equal((Validated.Id, Validated.Source, Validated.Time, Validated.CausationId), (decoded.Id, decoded.Source, decoded.Time, decoded.CausationId));
        var sent = (OrderValidated)Validated.Data;
        var received = Assert.IsType<OrderValidated>(decoded.Data);
        Assert.Equal(sent.Lines, received.Lines);
        Assert.Equal(sent, received with { Lines = sent.Lines });
    }

    public static TheoryData<string, Func<IncomingRecord, IncomingRecord>, string> PoisonCases() => new()
    {
        { "no id", r => Without(r, "ce_id"), "missing header 'ce_id'" },
        { "no type", r => Without(r, "ce_type"), "missing header 'ce_type'" },
        { "unknown type", r => Replace(r, "ce_type", "eventfunctions.OrderShipped"), "unknown event type 'eventfunctions.OrderShipped'" },
        { "type of another topic", r => r with { Topic = Topics.OrdersPlaced }, "event type 'eventfunctions.OrderValidated' does not belong on topic 'orders.placed'" },
        { "empty value", r => r with { Value = [] }, "empty value" },
        { "JSON null", r => r with { Value = "null"u8.ToArray() }, "value is JSON null" },
        { "not JSON", r => r with { Value = "{\"orderId\":"u8.ToArray() }, "malformed eventfunctions.OrderValidated" },
        { "required field missing", r => r with { Value = "{\"orderId\":\"o-7\"}"u8.ToArray() }, "malformed eventfunctions.OrderValidated" },
        { "null where not nullable", r => r with { Value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(r.Value!).Replace("\"c-1\"", "null")) }, "malformed eventfunctions.OrderValidated" },
        { "order id not an id", r => r with { Value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(r.Value!).Replace("\"o-7\"", "\"o/7\"")), Key = "o/7"u8.ToArray() }, "orderId 'o/7' is not an id" },
        { "key is not the order id", r => r with { Key = "o-8"u8.ToArray() }, "key 'o-8' is not the order id 'o-7'" },
        { "no key", r => r with { Key = null }, "key '' is not the order id 'o-7'" },
        { "tombstone", r => r with { Value = null }, "no value (a tombstone)" },
        { "key not UTF-8", r => r with { Key = [0x6F, 0xFF] }, "key is not UTF-8 text" },
        { "id not UTF-8", r => r with { Headers = [.. Without(r, "ce_id").Headers, new RecordHeader("ce_id", [0x61, 0xFF, 0x62])] }, "header 'ce_id' is not UTF-8 text" },
        { "id not an id", r => Replace(r, "ce_id", "a/b"), "ce_id 'a/b' is not an event id" },
        { "id too long", r => Replace(r, "ce_id", new string('a', 129)), "ce_id 'aaaa" },
        { "cause not an id", r => Replace(r, "ce_causationid", "x#y"), "ce_causationid 'x#y' is not an event id" },
        { "not from the topic's writer", r => Replace(r, "ce_source", "/eventfunctions/process-payment"), "not an event of the pipeline: source '/eventfunctions/process-payment' is not the writer of orders.validated" },
        { "no cause", r => Without(r, "ce_causationid"), "not an event of the pipeline: no ce_causationid" },
        { "an id not derived from its cause", r => Replace(r, "ce_id", "5d41402a-bc4b-5a76-b971-9d911017c592"), "not an event of the pipeline: id '5d41402a-bc4b-5a76-b971-9d911017c592' is not the id validate-order derives" },
    };

    [Theory]
    [MemberData(nameof(PoisonCases))]
    public void A_record_that_cannot_be_read_is_poison_with_a_reason(string problem, Func<IncomingRecord, IncomingRecord> spoil, string reason)
    {
        var record = spoil(TestEvents.Record(Validated));

        var poison = Assert.Throws<PoisonEventException>(() => EventCodec.Decode(record));

        Assert.True(poison.Message.StartsWith(reason, StringComparison.Ordinal), $"{problem}: '{poison.Message}'");
    }

    [Fact]
    public void An_order_placed_carries_the_id_the_API_gives_its_order()
    {
        var placed = new EventEnvelope(DeterministicId.For("http-api", "o-9"), "/eventfunctions/http-api", TestEvents.Now, null, TestEvents.Placed("o-9"));
        var record = TestEvents.Record(placed);

        Assert.Equal(placed.Id, EventCodec.Decode(record).Id);
        var forged = Assert.Throws<PoisonEventException>(() => EventCodec.Decode(Replace(record, "ce_id", DeterministicId.For("http-api", "o-10"))));
        Assert.StartsWith("not an event of the pipeline: id", forged.Message);
    }

    [Fact]
    public void A_missing_or_unreadable_time_does_not_make_an_event_poison()
    {
        var decoded = EventCodec.Decode(Replace(TestEvents.Record(Validated), "ce_time", "yesterday"));

        Assert.Equal(DateTimeOffset.UnixEpoch, decoded.Time);
    }

    private static IncomingRecord Without(IncomingRecord record, string header) =>
        record with { Headers = record.Headers.Where(h => h.Key != header).ToList() };

    private static IncomingRecord Replace(IncomingRecord record, string header, string value) =>
        record with { Headers = [.. Without(record, header).Headers, RecordHeader.Text(header, value)] };

    [Fact]
    public void A_record_without_ce_dataschema_is_v1_and_reads_upcast()
    {
        var record = Without(TestEvents.Record(Validated), "ce_dataschema") with
        {
            Value = Encoding.UTF8.GetBytes("""{"orderId":"o-7","customerId":"c-1","lines":[],"total":20,"paymentToken":"tok_visa"}"""),
        };

        var decoded = Assert.IsType<OrderValidated>(EventCodec.Decode(record).Data);

        Assert.Equal((1, "EUR"), (EventCodec.VersionOf(record, "eventfunctions.OrderValidated"), decoded.Currency));
    }

    [Theory]
    [InlineData("urn:eventfunctions:schema:eventfunctions.OrderPlaced:v2", "ce_dataschema 'urn:eventfunctions:schema:eventfunctions.OrderPlaced:v2' is not a schema of eventfunctions.OrderValidated")]
    [InlineData("https://example.com/order.json", "ce_dataschema 'https://example.com/order.json' is not a schema of")]
    [InlineData("urn:eventfunctions:schema:eventfunctions.OrderValidated:v3", "malformed eventfunctions.OrderValidated: eventfunctions.OrderValidated v3 is newer than this code reads (v2)")]
    public void A_schema_of_another_type_or_of_a_future_version_is_poison(string schema, string reason)
    {
        var poison = Assert.Throws<PoisonEventException>(() => EventCodec.Decode(Replace(TestEvents.Record(Validated), "ce_dataschema", schema)));

        Assert.StartsWith(reason, poison.Message);
    }
}
