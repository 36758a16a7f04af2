using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Processing;
using EventFunctions.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.IntegrationTests.Telemetry;

/// <summary>The lag gauge's source, against the embedded brokers: end offsets minus a group's commits, per partition.</summary>
[Collection(PipelineCollection.Name)]
public class ConsumerLagTests(PipelineFixture pipeline)
{
    /// <summary>A consumer group to measure, as the monitor knows the functions: a name and its topics.</summary>
    private sealed class Group(string name, string topic) : IEventFunction
    {
        public string Name => name;
        public IReadOnlyList<string> Topics { get; } = [topic];
        public string HomeTable => "none";
        public bool Handles(EventEnvelope envelope) => false;
        public Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Lag_is_what_a_group_has_not_committed_on_each_partition_and_falls_as_it_commits()
    {
        var kafka = pipeline.Pipeline.Kafka;
        var topic = "lag-" + TestIds.Run();
        pipeline.Pipeline.Cluster!.CreateTopic(topic, Topics.Partitions, 1);
        var group = new Group("lag-group-" + TestIds.Run(), topic);
        using (var producer = new ProducerBuilder<string, string>(kafka.ProducerConfig()).Build())
            foreach (var (partition, count) in new[] { (2, 3), (5, 2) })
                for (var i = 0; i < count; i++)
                    await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<string, string> { Key = "k", Value = "v" });
        var monitor = new ConsumerLagMonitor(kafka, [group], pipeline.Pipeline.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), NullLogger<ConsumerLagMonitor>.Instance);
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();

        var before = await monitor.SampleAsync(admin, CancellationToken.None);

        Assert.Equal(Topics.Partitions, before.Count);
        Assert.Equal(new long[] { 0, 0, 3, 0, 0, 2, 0, 0 }, before.OrderBy(l => l.Partition).Select(l => l.Lag));
        Assert.All(before, l => Assert.Equal(group.Name, l.Group));

        using (var consumer = new ConsumerBuilder<string, string>(kafka.ConsumerConfig(group.Name)).Build())
            consumer.Commit([new TopicPartitionOffset(topic, 2, 2)]);
        var after = await monitor.SampleAsync(admin, CancellationToken.None);

        Assert.Equal(new long[] { 0, 0, 1, 0, 0, 2, 0, 0 }, after.OrderBy(l => l.Partition).Select(l => l.Lag));
        Assert.Equal(2, after.Single(l => l.Partition == 2).Committed);
    }
}
