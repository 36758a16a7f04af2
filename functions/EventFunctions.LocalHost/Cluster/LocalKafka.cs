using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.EmbeddedKafka;
using EventFunctions.Messaging;

namespace EventFunctions.LocalHost.Cluster;

/// <summary>
/// The Kafka a local pipeline runs on: an embedded cluster it starts and owns, with every topic, when no
/// <c>KafkaBrokerList</c> is set; else the cluster named, reached first and given the topics it lacks. That one may
/// be another host's embedded cluster, which is then tuned as an owned one is.
/// </summary>
internal sealed record LocalKafka(KafkaConnection Connection, EmbeddedKafkaCluster? OwnedCluster, bool Embedded)
{
    public static async Task<LocalKafka> StartAsync(IConfiguration settings, LocalPipelineOptions options)
    {
        var kafka = KafkaConnection.FromSettings(settings);
        var embeddedFetchWait = settings.GetValue(nameof(options.EmbeddedFetchWaitMaxMs), options.EmbeddedFetchWaitMaxMs);
        if (kafka is null)
        {
            var cluster = EmbeddedKafkaCluster.Start(options.EmbeddedBrokers);
            cluster.SetGroupSessionTimeout(options.EmbeddedGroupSessionTimeout);
            foreach (var topic in Topics.AllWithDeadLetters)
                cluster.CreateTopic(topic, Topics.Partitions, options.EmbeddedReplicationFactor);
            return new LocalKafka(new KafkaConnection(cluster.BootstrapServers) { FetchWaitMaxMs = embeddedFetchWait }, cluster, Embedded: true);
        }

        await ClusterTopology.EnsureReachableAsync(kafka);
        var embedded = await ClusterTopology.IsEmbeddedAsync(kafka);
        if (embedded) kafka = kafka with { FetchWaitMaxMs = embeddedFetchWait };
        using var startup = LoggerFactory.Create(logging => logging.AddSimpleConsole());
        await ClusterTopology.EnsureTopicsAsync(kafka, startup.CreateLogger<LocalPipeline>());
        return new LocalKafka(kafka, OwnedCluster: null, embedded);
    }

    private const string GroupProtocolSetting = "KafkaGroupProtocol";

    /// <summary>
    /// KIP-848 groups assign partitions in seconds, and the embedded cluster serves them (classic groups there wait
    /// out a session timeout on every join); on any other cluster the classic protocol is the safe default.
    /// </summary>
    public GroupProtocol GroupProtocolFor(IConfiguration settings) =>
        Enum.TryParse<GroupProtocol>(settings[GroupProtocolSetting], ignoreCase: true, out var configured) ? configured
        : Embedded ? GroupProtocol.Consumer : GroupProtocol.Classic;

    /// <summary>How the start-up log names the cluster after its bootstrap servers.</summary>
    public string Ownership => OwnedCluster is not null ? " (embedded)" : Embedded ? " (embedded, owned by another host)" : "";
}
