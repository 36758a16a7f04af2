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

    /// <summary>Failed deliveries of a whole batch before its records are tried alone and dead-lettered if they still fail.</summary>
    public int WholeBatchAttempts { get; init; } = Triggers.BatchAttempts.DefaultWholeBatchAttempts;

    /// <summary>Overrides host.json's <c>extensions.kafka</c> values (tests shorten retries).</summary>
    public Action<KafkaTrigger.KafkaTriggerOptions>? ConfigureTrigger { get; init; }
}
