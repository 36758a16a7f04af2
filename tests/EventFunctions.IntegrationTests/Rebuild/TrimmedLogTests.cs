using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using EventFunctions.IntegrationTests.Infrastructure;

namespace EventFunctions.IntegrationTests.Rebuild;

/// <summary>A cluster of its own, whose log is made to lose its oldest records as retention would.</summary>
public sealed class TrimmedLogFixture : RebuildFixture;

/// <summary>
/// A view built from a log that no longer holds its history would silently miss orders: the rebuild says so and is
/// refused, unless the operator asks for what remains.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TrimmedLogTests(TrimmedLogFixture pipeline) : IClassFixture<TrimmedLogFixture>
{
    // The embedded cluster keeps the newest 5 MiB of a partition: seven records of 900 kB push the first ones out.
    private const int Records = 7;
    private const int RecordBytes = 900_000;

    [Fact]
    public async Task A_rebuild_is_refused_when_a_topic_lost_its_first_records_unless_asked_to_build_what_remains()
    {
        var (orderId, view) = await pipeline.FinishedOrderAsync("gil");
        var trimmed = new TopicPartition(Contracts.Topics.PaymentsRefunded, 0);
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        for (var i = 0; i < Records; i++)
            await probe.ProduceRawAsync(trimmed.Topic, trimmed.Partition.Value, "junk"u8.ToArray(), new byte[RecordBytes]);
        using (var consumer = new ConsumerBuilder<byte[], byte[]>(pipeline.Pipeline.Kafka.ConsumerConfig("trim-probe")).Build())
            Assert.True(consumer.QueryWatermarkOffsets(trimmed, TimeSpan.FromSeconds(10)).Low > 0, "the partition lost its first records");

        var refused = await pipeline.Http.PostAsync("/api/operations/views/orders/rebuild", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
        Assert.Contains("payments.refunded[0] starts at offset", problem);
        Assert.Contains("fromRemaining", problem);
        Assert.Null((await pipeline.Http.GetFromJsonAsync<JsonObject>("/api/operations/views/orders"))!["building"]);

        var accepted = await pipeline.Http.PostAsync("/api/operations/views/orders/rebuild?fromRemaining=true", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonObject>())!["buildingFromRemaining"]!.GetValue<bool>());
        await Eventually.TrueAsync(async () => (await pipeline.Http.GetFromJsonAsync<JsonObject>("/api/operations/views/orders"))!["active"]!.GetValue<int>() == 2,
            TimeSpan.FromSeconds(90), "the view built from what remains serves");
        Assert.Equal(view.Status, (await pipeline.FinalViewAsync(orderId)).Status);
    }
}
