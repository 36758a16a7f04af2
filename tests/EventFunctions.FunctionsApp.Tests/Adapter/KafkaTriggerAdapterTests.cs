using System.Reflection;
using System.Text;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.EmbeddedKafka;
using EventFunctions.FunctionsApp.Kafka;
using EventFunctions.FunctionsApp.Tests.Bindings;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using EventFunctions.Orders.Inventory;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;
using EventFunctions.Processing.Retries;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp.Tests.Adapter;

/// <summary>The app's trigger methods, called in process with batches read from the embedded cluster, over Azurite.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KafkaTriggerAdapterTests(AppFixture app)
{
    private static readonly byte[] NotUtf8 = [0xFF, 0x00, 0x7F, 0xC3];

    [Fact]
    public async Task Keys_headers_and_values_reach_the_function_as_they_were_produced()
    {
        var orderId = NewId("fa-order");
        // A record the function cannot read, on the same key (so the same partition), with a header that is not text.
        var poison = await app.Kafka.ProduceAsync(Topics.OrdersPlaced, Encoding.UTF8.GetBytes(orderId), "{\"orderId\": \"trunc"u8.ToArray(),
            (CloudEventHeaders.Id, Encoding.UTF8.GetBytes("poison-" + orderId)), (CloudEventHeaders.Type, Encoding.UTF8.GetBytes(EventTypes.NameOf(typeof(OrderPlaced)))),
            (CloudEventHeaders.Source, "/tests"u8.ToArray()), ("trace-bytes", NotUtf8));
        var good = await PlaceOnKafkaAsync(orderId, ("trace-bytes", NotUtf8));

        await app.Triggers.ValidateOrder(app.Kafka.Fetch(poison, good), CancellationToken.None);

        var validated = Assert.Single(app.Kafka.ReadAll(Topics.OrdersValidated), r => Header(r, CloudEventHeaders.CausationId) == Header(good, CloudEventHeaders.Id));
        Assert.Equal(orderId, Encoding.UTF8.GetString(validated.Message.Key));
        Assert.Equal(EventTypes.NameOf(typeof(OrderValidated)), Header(validated, CloudEventHeaders.Type));
        Assert.Equal(good.Partition, validated.Partition);

        var letter = Assert.Single(DeadLettersOf(Topics.OrdersPlaced, poison), l => Header(l, DeadLetters.Consumer) == ConsumerGroups.ValidateOrder);
        Assert.Equal(poison.Message.Key, letter.Message.Key);
        Assert.Equal(poison.Message.Value, letter.Message.Value);
        Assert.Equal(
            poison.Message.Headers.Select(h => (h.Key, Convert.ToHexString(h.GetValueBytes()))),
            letter.Message.Headers.Take(poison.Message.Headers.Count).Select(h => (h.Key, Convert.ToHexString(h.GetValueBytes()))));
        Assert.Contains("malformed", Header(letter, DeadLetters.Reason));
    }

    [Fact]
    public async Task A_dead_letter_keeps_the_time_of_its_record_as_the_host_delivers_it()
    {
        var producedAt = new DateTimeOffset(2026, 11, 30, 9, 15, 42, 123, TimeSpan.Zero);
        var poison = await app.Kafka.ProduceAsync(Topics.OrdersPlaced, Encoding.UTF8.GetBytes(NewId("fa-time")), "{\"orderId\": \"trunc"u8.ToArray(),
            new Timestamp(producedAt), (CloudEventHeaders.Id, Encoding.UTF8.GetBytes(NewId("poison"))),
            (CloudEventHeaders.Type, Encoding.UTF8.GetBytes(EventTypes.NameOf(typeof(OrderPlaced)))), (CloudEventHeaders.Source, "/tests"u8.ToArray()));

        await app.Triggers.ValidateOrder(app.Kafka.Fetch(poison), CancellationToken.None);

        var letter = Assert.Single(DeadLettersOf(Topics.OrdersPlaced, poison));
        Assert.Equal(producedAt, letter.Message.Timestamp.UtcDateTime);
    }

    [Fact]
    public async Task A_key_that_is_not_UTF8_reaches_the_pipeline_byte_for_byte_as_the_host_delivers_it()
    {
        var key = NotUtf8.Concat(Encoding.UTF8.GetBytes(NewId("-key"))).ToArray();
        var produced = await app.Kafka.ProduceAsync(Topics.OrdersPlaced, key, "{}"u8.ToArray());

        var incoming = app.Kafka.Fetch(produced).ToIncomingRecords();

        Assert.Equal(key, Assert.Single(incoming).Key);
        // What the extension's default key data type (String) would have delivered instead.
        Assert.NotEqual(key, HostKafkaTrigger.KeyAsDelivered(key, "String"));
    }

    [Fact]
    public async Task Each_trigger_hands_its_batch_to_its_own_function()
    {
        foreach (var (method, _, trigger) in AppFunctions.WithTrigger<KafkaTriggerAttribute>().Where(t => t.Method.DeclaringType == typeof(Kafka.KafkaTriggers)))
        {
            var key = NewId("alien");
            var alien = await app.Kafka.ProduceAsync(trigger.Topic, Encoding.UTF8.GetBytes(key), "{}"u8.ToArray(),
                (CloudEventHeaders.Id, Encoding.UTF8.GetBytes(key)), (CloudEventHeaders.Type, "com.example.Unheard"u8.ToArray()), (CloudEventHeaders.Source, "/tests"u8.ToArray()));

            await (Task)method.Invoke(app.Triggers, [app.Kafka.Fetch(alien), CancellationToken.None])!;

            var letter = Assert.Single(DeadLettersOf(trigger.Topic, alien));
            // The letter names the function that gave up; this trigger is that function's on this topic.
            var function = Assert.Single(app.Services.GetServices<IEventFunction>(), f => f.Name == Header(letter, DeadLetters.Consumer));
            Assert.Equal(trigger.ConsumerGroup, TriggerGroups.Of(function, trigger.Topic));
            Assert.Contains("unknown event type", Header(letter, DeadLetters.Reason));
        }
    }

    [Fact]
    public async Task A_batch_failing_transiently_throws_so_the_host_redelivers_it_and_the_redelivery_emits_its_events_once()
    {
        var produced = await PlaceOnKafkaAsync(NewId("fa-retry"));
        var batch = app.Kafka.Fetch(produced);

        // The broker refuses the next produce request under a policy of its own: configuration an operator fixes, so
        // the batch waits for it rather than being settled.
        app.Cluster.PushRequestErrors(KafkaApiKeys.Produce, ErrorCode.PolicyViolation);
        var error = await Assert.ThrowsAnyAsync<KafkaException>(() => app.Triggers.ValidateOrder(batch, CancellationToken.None));
        Assert.Equal(ErrorCode.PolicyViolation, error.Error.Code);

        await app.Triggers.ValidateOrder(batch, CancellationToken.None);

        Assert.Single(app.Kafka.ReadAll(Topics.OrdersValidated), r => Header(r, CloudEventHeaders.CausationId) == Header(produced, CloudEventHeaders.Id));
    }

    /// <summary>Stocks a sku of its own, then claims an order for it and puts its OrderPlaced on Kafka, as the API would, with extra headers.</summary>
    private async Task<DeliveryResult<byte[], byte[]>> PlaceOnKafkaAsync(string orderId, params (string Key, byte[] Value)[] extraHeaders)
    {
        var sku = NewId("fa-sku");
        await app.Services.GetRequiredService<TableInventory>().SetAsync(new InventoryItem(sku, 5, 2.5m), CancellationToken.None);
        var order = new OrderPlaced(orderId, "carol", [new OrderLine(sku, 2)], "tok_visa");
        await app.Services.GetRequiredService<IOrderRequests>().ClaimAsync(orderId, new OrderClaim(OrderFingerprint.Of(order), Deferred: false), CancellationToken.None);
        var placed = EventCodec.Encode(new EventEnvelope(DeterministicId.For(EventFunctions.Orders.Intake.OrdersApi.Emitter, orderId),
            Provenance.SourceOf(EventFunctions.Orders.Intake.OrdersApi.Emitter), DateTimeOffset.UtcNow, null, order));
        return await app.Kafka.ProduceAsync(Topics.OrdersPlaced, Encoding.UTF8.GetBytes(orderId), placed.Value!,
            [.. placed.Headers.Select(h => (h.Key, h.Value!)), .. extraHeaders]);
    }

    private IEnumerable<ConsumeResult<byte[], byte[]>> DeadLettersOf(string topic, DeliveryResult<byte[], byte[]> original) =>
        app.Kafka.ReadAll(Topics.DeadLetterOf(topic)).Where(l =>
            Header(l, DeadLetters.OriginalPartition) == original.Partition.Value.ToString() && Header(l, DeadLetters.OriginalOffset) == original.Offset.Value.ToString());

    private static string NewId(string prefix) => TestIds.Order(prefix);

    private static string? Header(ConsumeResult<byte[], byte[]> record, string name) => Header(record.Message.Headers, name);

    private static string? Header(DeliveryResult<byte[], byte[]> record, string name) => Header(record.Message.Headers, name);

    private static string? Header(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
