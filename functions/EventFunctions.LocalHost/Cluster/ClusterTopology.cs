using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EventFunctions.Contracts;
using EventFunctions.LocalHost.Startup;
using EventFunctions.Messaging;

namespace EventFunctions.LocalHost.Cluster;

/// <summary>
/// What the local host learns of a cluster it joins: whether it is an embedded cluster (another local host's), and
/// that the pipeline's topics exist. Only the missing topics are created, so any number of hosts can join one cluster,
/// the embedded one included, which serves no CreateTopics: there the host that owns it has created them all.
/// </summary>
public static class ClusterTopology
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>librdkafka's mock cluster names itself so.</summary>
    private const string EmbeddedClusterIdPrefix = "mockCluster";

    /// <summary>
    /// Asks the cluster for its brokers, quietly: one that does not answer stops the host with one line, rather than
    /// with librdkafka's line per connection attempt and a crash in whichever client met it first.
    /// </summary>
    public static Task EnsureReachableAsync(KafkaConnection kafka) => Task.Run(() =>
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).SetLogHandler((_, _) => { }).Build();
        try
        {
            admin.GetMetadata(Timeout);
        }
        catch (KafkaException e)
        {
            throw new StartupFailure(
                $"Kafka at {kafka.BrokerList} is unreachable ({e.Error.Reason}): start that cluster (another host's embedded one lives as long as that host), " +
                "or leave KafkaBrokerList unset to run an embedded one.", e);
        }
    });

    public static async Task<bool> IsEmbeddedAsync(KafkaConnection kafka)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        try
        {
            var cluster = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = Timeout });
            return cluster.ClusterId?.StartsWith(EmbeddedClusterIdPrefix, StringComparison.Ordinal) == true;
        }
        catch (KafkaException)
        {
            return false; // A cluster that does not describe itself is not ours.
        }
    }

    /// <summary>Creates the pipeline's topics that are missing; returns the names of those it created.</summary>
    public static async Task<IReadOnlyList<string>> EnsureTopicsAsync(KafkaConnection kafka, ILogger logger)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        var existing = admin.GetMetadata(Timeout).Topics.Where(t => t.Error.Code == ErrorCode.NoError).ToDictionary(t => t.Topic, t => t.Partitions.Count);
        foreach (var (topic, partitions) in existing.Where(t => Topics.AllWithDeadLetters.Contains(t.Key) && t.Value != Topics.Partitions))
            logger.LogWarning("Topic {Topic} has {Partitions} partitions, not {Expected}: correct, but batches will span more Table partitions",
                topic, partitions, Topics.Partitions);

        var missing = Topics.AllWithDeadLetters.Where(t => !existing.ContainsKey(t)).ToList();
        if (missing.Count == 0) return [];
        try
        {
            await admin.CreateTopicsAsync(missing.Select(t => new TopicSpecification { Name = t, NumPartitions = Topics.Partitions }));
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another host created them meanwhile.
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"The cluster at {kafka.BrokerList} lacks the topics {string.Join(", ", missing)} and cannot create them ({e.Error.Reason}). " +
                "An embedded cluster serves no CreateTopics: its own host creates every topic, so join it only once that host is up; " +
                $"on any other cluster create them with {Topics.Partitions} partitions.", e);
        }
        return missing;
    }
}
