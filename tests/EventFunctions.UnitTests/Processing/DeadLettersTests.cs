using EventFunctions.Messaging;
using EventFunctions.Processing;

namespace EventFunctions.UnitTests.Processing;

public class DeadLettersTests
{
    [Fact]
    public void A_dead_letter_keeps_the_record_unchanged_and_adds_reason_and_coordinates()
    {
        var original = new IncomingRecord(Topics.PaymentsProcessed, 3, 1234, "o-1"u8.ToArray(), "\u00ffnot an event"u8.ToArray(), [RecordHeader.Text("ce_id", "abc")]);

        var deadLetter = DeadLetters.For(original, ConsumerGroups.ReserveStock, "unknown event type 'x'", TestEvents.Now);

        Assert.Equal(("payments.processed.dlq", "o-1"), (deadLetter.Topic, deadLetter.KeyText));
        Assert.Equal(original.Value, deadLetter.Value);
        Assert.Equal(
            [("ce_id", "abc"), ("dlq_reason", "unknown event type 'x'"), ("dlq_consumer_group", "reserve-stock"),
             ("dlq_original_topic", "payments.processed"), ("dlq_original_partition", "3"), ("dlq_original_offset", "1234"), ("dlq_time", "2026-11-23T09:00:00.0000000+00:00")],
            deadLetter.Headers.Select(h => (h.Key, h.ValueAsText)));
    }

    [Fact]
    public void A_dead_letter_is_the_original_record_byte_for_byte_a_null_stays_null()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var original = new IncomingRecord(Topics.OrdersPlaced, 0, 5, [0x6F, 0xFF, 0x00], null, [new RecordHeader("trace", [0xC3]), new RecordHeader("empty", null)], at);

        var deadLetter = DeadLetters.For(original, ConsumerGroups.ValidateOrder, "no value (a tombstone)", TestEvents.Now);

        Assert.Equal(original.Key, deadLetter.Key);
        Assert.Null(deadLetter.Value);
        Assert.Equal(at, deadLetter.Timestamp);
        Assert.Equal(original.Headers, deadLetter.Headers.Take(2));
    }
}
