using Azure.Data.Tables;
using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost;

/// <summary>What the local host runs. Every value can be given as a setting (environment variable or <c>--Name=value</c>).</summary>
public sealed record LocalPipelineOptions
{
    /// <summary>Where the HTTP API listens; port 0 picks a free one (tests, benchmark).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:7071";

    /// <summary>False runs only the infrastructure (Kafka, tables), for <c>func start</c> to run the functions (<c>./run.sh infra</c>).</summary>
    public bool RunFunctions { get; init; } = true;

    /// <summary>A prefix for every table name, so that runs sharing one storage account never see each other's rows.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>Brokers of the embedded cluster when no <c>KafkaBrokerList</c> is set.</summary>
    public int EmbeddedBrokers { get; init; } = 3;

    /// <summary>Replication factor of the embedded cluster's topics.</summary>
    public int EmbeddedReplicationFactor { get; init; } = 3;

    /// <summary>
    /// How long the embedded cluster waits for a silent group member (a crashed host) before handing its partitions to
    /// the others; Kafka's default is 45 s.
    /// </summary>
    public TimeSpan EmbeddedGroupSessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the embedded cluster's brokers hold a fetch that finds nothing (<see cref="Messaging.KafkaConnection.FetchWaitMaxMs"/>):
    /// the most a hop waits for a record just written. Shorter costs idle CPU: every consumer asks every broker that often.
    /// </summary>
    public int EmbeddedFetchWaitMaxMs { get; init; } = 10;

    /// <summary>How failed batches are retried, isolated and settled; tests shorten the waits.</summary>
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>Overrides host.json's <c>extensions.kafka</c> values (tests shorten retries).</summary>
    public Action<KafkaTrigger.KafkaTriggerOptions>? ConfigureTrigger { get; init; }

    /// <summary>Adds to the host's logging: tests listen to what it logs, and at which level.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>Adds to the host's OpenTelemetry (and turns span recording on): tests add an in-memory exporter.</summary>
    public Action<OpenTelemetry.OpenTelemetryBuilder>? ConfigureTelemetry { get; init; }

    /// <summary>How read models are versioned and rebuilt (tests shorten the versions' TTL); the host sets the consumers' group protocol.</summary>
    public EventFunctions.ReadSide.Versions.ViewRebuildOptions? ViewRebuild { get; init; }

    /// <summary>Adds to the Table Storage client's options: tests inject storage faults into its HTTP pipeline here.</summary>
    public Action<TableClientOptions>? ConfigureTables { get; init; }
}
