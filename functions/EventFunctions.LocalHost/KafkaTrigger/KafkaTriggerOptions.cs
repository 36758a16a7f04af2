namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// The trigger settings of host.json's <c>extensions.kafka</c> section, read with the same names and defaults
/// as the Azure Functions Kafka extension, so both hosts batch and retry alike.
/// </summary>
public sealed class KafkaTriggerOptions
{
    public const string Section = "extensions:kafka";

    public int MaxBatchSize { get; set; } = 64;

    public int SubscriberIntervalInSeconds { get; set; } = 1;

    /// <summary>The extension's default (true) commits a failed batch's offsets, losing it; the pipeline's host.json sets false.</summary>
    public bool CommitOnFailure { get; set; } = true;

    /// <summary>Retries of a failed batch in place, before its records are tried alone and dead-lettered if they still fail.</summary>
    public int MaxRetries { get; set; } = 5;
}
