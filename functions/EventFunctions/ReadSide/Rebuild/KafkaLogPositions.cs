using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EventFunctions.Messaging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>The log's offsets from the brokers, through one admin client for the process.</summary>
public sealed class KafkaLogPositions(KafkaConnection kafka) : ILogPositions, IDisposable
{
    private readonly Lazy<IAdminClient> admin = new(() => new AdminClientBuilder(kafka.AdminConfig()).Build());

    public async Task<IReadOnlyList<PartitionRange>> RangesAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var partitions = LogOffsets.PartitionsOf(topics);
        var ends = await LogOffsets.ListAsync(admin.Value, partitions, OffsetSpec.Latest());
        var earliest = await LogOffsets.ListAsync(admin.Value, partitions, OffsetSpec.Earliest());
        cancellationToken.ThrowIfCancellationRequested();
        return partitions.Select(p => new PartitionRange(p.Topic, p.Partition.Value, earliest.GetValueOrDefault(p), ends.GetValueOrDefault(p))).ToList();
    }

    public async Task<IReadOnlyDictionary<(string Topic, int Partition), long?>> CommittedAsync(string group, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var committed = await LogOffsets.CommittedAsync(admin.Value, group, LogOffsets.PartitionsOf(topics));
        cancellationToken.ThrowIfCancellationRequested();
        return committed.ToDictionary(c => (c.Key.Topic, c.Key.Partition.Value), c => c.Value);
    }

    public void Dispose()
    {
        if (admin.IsValueCreated) admin.Value.Dispose();
    }
}
