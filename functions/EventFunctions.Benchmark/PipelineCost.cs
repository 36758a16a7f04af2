using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Storage;

namespace EventFunctions.Benchmark;

/// <summary>
/// What the pipeline has used so far: CPU of the host and of Azurite, Table Storage use by caller and entities by
/// partition (tables named without the run's prefix), and records in each topic (its partitions' end offsets, asked
/// of the brokers). Two snapshots give the cost of what ran between.
/// </summary>
internal sealed record PipelineCost(
    TimeSpan HostCpu,
    TimeSpan EmbeddedBrokersCpu,
    TimeSpan KafkaClientsCpu,
    TimeSpan? AzuriteCpu,
    IReadOnlyDictionary<string, StorageUse> Storage,
    IReadOnlyDictionary<TablePartition, long> EntitiesByPartition,
    IReadOnlyDictionary<string, long> RecordsByTopic)
{
    public static async Task<PipelineCost> SnapshotAsync(StorageRoundTrips storage, IAdminClient admin, string tablePrefix)
    {
        var ends = await LogOffsets.ListAsync(admin, LogOffsets.PartitionsOf(Topics.AllWithDeadLetters), Confluent.Kafka.Admin.OffsetSpec.Latest());
        var (brokers, clients) = ProcessCpu.KafkaThreads();
        return new PipelineCost(
            ProcessCpu.Host(),
            brokers,
            clients,
            ProcessCpu.Azurite(),
            storage.Snapshot(),
            storage.EntitiesByPartition().ToDictionary(p => p.Key with { Table = Unprefixed(p.Key.Table, tablePrefix) }, p => p.Value),
            ends.GroupBy(e => e.Key.Topic).ToDictionary(t => t.Key, t => t.Sum(p => p.Value)));
    }

    /// <summary>The cost of what ran from <paramref name="before"/> to this snapshot.</summary>
    public PipelineCost Since(PipelineCost before) => new(
        HostCpu - before.HostCpu,
        EmbeddedBrokersCpu - before.EmbeddedBrokersCpu,
        KafkaClientsCpu - before.KafkaClientsCpu,
        AzuriteCpu - before.AzuriteCpu,
        Storage.ToDictionary(s => s.Key, s => Minus(s.Value, before.Storage.GetValueOrDefault(s.Key))),
        EntitiesByPartition.ToDictionary(p => p.Key, p => p.Value - before.EntitiesByPartition.GetValueOrDefault(p.Key)),
        RecordsByTopic.ToDictionary(t => t.Key, t => t.Value - before.RecordsByTopic.GetValueOrDefault(t.Key)));

    private static string Unprefixed(string table, string prefix) =>
        table.StartsWith(prefix, StringComparison.Ordinal) ? table[prefix.Length..] : table;

    private static StorageUse Minus(StorageUse now, StorageUse? then) =>
        then is null ? now : StorageUse.Of(now.Requests - then.Requests, now.Queries - then.Queries, now.Entities - then.Entities, now.Bytes - then.Bytes);
}
