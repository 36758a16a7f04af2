using System.Text;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>A record no retry can process goes to the dead-letter topic, and the records behind it flow on.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DeadLetterTests(PipelineFixture pipeline)
{
    [Theory]
    [InlineData("{\"orderId\": \"truncated", "malformed")]
    [InlineData("{}", "malformed")]
    public async Task A_malformed_event_is_dead_lettered_and_the_order_behind_it_is_processed(string value, string reason)
    {
        var orderId = TestIds.Order("dlq");
        var sku = TestIds.Sku("dlq-sku");
        await pipeline.StockAsync(sku, 5, 1m);
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        // Same key as the good order: same partition, right in front of it.
        var poison = await probe.ProduceAsync(Topics.OrdersPlaced, orderId, Encoding.UTF8.GetBytes(value),
            (CloudEventHeaders.Id, "poison-" + orderId), (CloudEventHeaders.Type, EventTypes.NameOf(typeof(OrderPlaced))),
            (CloudEventHeaders.Source, "/tests"), (CloudEventHeaders.SpecVersion, "1.0"));

        await pipeline.PlaceAsync(orderId, "hank", "tok_visa", (sku, 1));
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(orderId)).Status);

        var letters = await DeadLettersOfAsync(probe, poison.Offset.Value, poison.Partition.Value);
        var byValidation = Assert.Single(letters, l => KafkaProbe.Header(l, DeadLetters.Consumer) == ConsumerGroups.ValidateOrder);
        Assert.Contains(reason, KafkaProbe.Header(byValidation, DeadLetters.Reason));
        Assert.Equal(Topics.OrdersPlaced, KafkaProbe.Header(byValidation, DeadLetters.OriginalTopic));
        Assert.Equal("poison-" + orderId, KafkaProbe.Header(byValidation, CloudEventHeaders.Id));
        Assert.Equal(value, Encoding.UTF8.GetString(byValidation.Message.Value));
    }

    [Fact]
    public async Task An_event_of_an_unknown_type_is_dead_lettered_with_that_reason()
    {
        var key = TestIds.Order("alien");
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var alien = await probe.ProduceAsync(Topics.OrdersPlaced, key, Encoding.UTF8.GetBytes("{}"),
            (CloudEventHeaders.Id, key), (CloudEventHeaders.Type, "com.example.Unheard"), (CloudEventHeaders.Source, "/tests"));

        var letters = await DeadLettersOfAsync(probe, alien.Offset.Value, alien.Partition.Value);
        Assert.All(letters, l => Assert.Contains("unknown event type", KafkaProbe.Header(l, DeadLetters.Reason)));
    }

    [Fact]
    public async Task A_dead_letter_is_the_original_record_byte_for_byte_a_tombstone_and_a_key_that_is_no_text_included()
    {
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        byte[] key = [0x6F, 0xFF, 0x00, 0x2D];
        var tombstone = await probe.ProduceRawAsync(Topics.OrdersPlaced, 6, key, null,
            (CloudEventHeaders.Id, [0x61, 0xFF]), (CloudEventHeaders.Type, Encoding.UTF8.GetBytes(EventTypes.NameOf(typeof(OrderPlaced)))), ("empty", null));

        var letters = await DeadLettersOfAsync(probe, tombstone.Offset.Value, tombstone.Partition.Value);

        Assert.All(letters, letter =>
        {
            Assert.Equal(key, letter.Message.Key);
            Assert.Null(letter.Message.Value);
            // The time it was produced with (the embedded cluster's delivery reports carry a fixed one).
            Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeMilliseconds(), letter.Message.Timestamp.UnixTimestampMs);
            Assert.Equal(
                tombstone.Message.Headers.Select(h => (h.Key, h.GetValueBytes() is { } b ? Convert.ToHexString(b) : null)),
                letter.Message.Headers.Take(3).Select(h => (h.Key, h.GetValueBytes() is { } b ? Convert.ToHexString(b) : null)));
            // The id is not UTF-8: the record is refused for it, not read as a repaired id.
            Assert.Equal("header 'ce_id' is not UTF-8 text", KafkaProbe.Header(letter, DeadLetters.Reason));
        });
    }

    private static async Task<List<Confluent.Kafka.ConsumeResult<byte[], byte[]>>> DeadLettersOfAsync(KafkaProbe probe, long offset, int partition)
    {
        List<Confluent.Kafka.ConsumeResult<byte[], byte[]>> letters = [];
        await Eventually.TrueAsync(() =>
        {
            letters = probe.ReadAll(Topics.DeadLetterOf(Topics.OrdersPlaced))
                .Where(l => KafkaProbe.Header(l, DeadLetters.OriginalOffset) == offset.ToString() && KafkaProbe.Header(l, DeadLetters.OriginalPartition) == partition.ToString())
                .ToList();
            // Both functions reading orders.placed dead-letter it, each under its own group.
            return Task.FromResult(letters.Count == 2);
        }, PipelineFixture.Patience, "both consumers of orders.placed dead-lettered the record");
        return letters;
    }

}
