using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.Messaging;

/// <summary>
/// How to reach Kafka, read from the same setting names the Azure Functions app uses
/// (<c>KafkaBrokerList</c>, <c>KafkaSecurityProtocol</c>, <c>KafkaSaslMechanism</c>, <c>KafkaSaslUsername</c>, <c>KafkaSaslPassword</c>).
/// </summary>
public sealed record KafkaConnection(
    string BrokerList,
    SecurityProtocol SecurityProtocol = SecurityProtocol.Plaintext,
    SaslMechanism? SaslMechanism = null,
    string? SaslUsername = null,
    string? SaslPassword = null)
{
    public const string BrokerListSetting = "KafkaBrokerList";
    public const string SecurityProtocolSetting = "KafkaSecurityProtocol";
    public const string SaslMechanismSetting = "KafkaSaslMechanism";
    public const string SaslUsernameSetting = "KafkaSaslUsername";
    public const string SaslPasswordSetting = "KafkaSaslPassword";

    /// <summary>The connection the settings name, or null when no broker list is set.</summary>
    public static KafkaConnection? FromSettings(IConfiguration settings)
    {
        var brokers = settings[BrokerListSetting];
        if (string.IsNullOrWhiteSpace(brokers)) return null;
        return new KafkaConnection(
            brokers,
            Enum.TryParse<SecurityProtocol>(settings[SecurityProtocolSetting], ignoreCase: true, out var protocol) ? protocol : SecurityProtocol.Plaintext,
            Enum.TryParse<SaslMechanism>(settings[SaslMechanismSetting], ignoreCase: true, out var mechanism) ? mechanism : null,
            settings[SaslUsernameSetting],
            settings[SaslPasswordSetting]);
    }

    public ProducerConfig ProducerConfig() => new(ClientConfig())
    {
        // Exactly-once effects need a producer that neither loses nor duplicates on its own retries.
        EnableIdempotence = true,
        Acks = Acks.All,
        // Where Java clients put the same key, so every client agrees on an order's partition.
        Partitioner = Partitioner.Murmur2Random,
        // A batch's follow-on events are all produced before any is awaited, so they are queued together within
        // microseconds: 1 ms still lets them share produce requests (and fetches return one record batch per
        // partition), where librdkafka's default 5 ms added 5 ms to each of an order's four hops.
        LingerMs = 1,
        MessageTimeoutMs = 30_000,
    };

    /// <summary>
    /// How long a broker may hold a fetch that finds no record (<c>fetch.wait.max.ms</c>); null keeps librdkafka's
    /// 500 ms. A real broker answers as soon as a record arrives, so the wait costs no latency there. The embedded
    /// cluster answers only when the wait is over, whatever arrived meanwhile, so on it every hop of an order would
    /// wait up to the full 500 ms: the local host shortens it there.
    /// </summary>
    public int? FetchWaitMaxMs { get; init; }

    public ConsumerConfig ConsumerConfig(string groupId) => new(ClientConfig())
    {
        GroupId = groupId,
        FetchWaitMaxMs = FetchWaitMaxMs,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        // Offsets are stored only after a batch succeeded, then committed in the background, as the Functions trigger does.
        EnableAutoOffsetStore = false,
        EnableAutoCommit = true,
        AutoCommitIntervalMs = 200,
    };

    public AdminClientConfig AdminConfig() => new(ClientConfig());

    private ClientConfig ClientConfig() => new()
    {
        BootstrapServers = BrokerList,
        SecurityProtocol = SecurityProtocol,
        SaslMechanism = SaslMechanism,
        SaslUsername = SaslUsername,
        SaslPassword = SaslPassword,
    };
}
