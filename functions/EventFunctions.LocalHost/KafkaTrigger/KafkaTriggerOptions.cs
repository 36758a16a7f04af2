namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// The trigger settings of host.json's <c>extensions.kafka</c> section, read with the same names and defaults
/// as the Azure Functions Kafka extension, so both hosts batch and retry alike.
/// </summary>
public sealed class KafkaTriggerOptions
{
    public const string Section = "extensions:kafka";

    /// <summary>Where app settings override host.json, as the Functions host reads <c>AzureFunctionsJobHost__extensions__kafka__*</c>.</summary>
    public const string HostSettingsSection = "AzureFunctionsJobHost:" + Section;

    /// <summary>
    /// The trigger's settings as the Functions host reads them: host.json beside the program, then any
    /// <c>AzureFunctionsJobHost__extensions__kafka__...</c> setting over it; then <paramref name="configure"/> (tests).
    /// </summary>
    public static KafkaTriggerOptions Read(IConfiguration settings, Action<KafkaTriggerOptions>? configure)
    {
        var trigger = new KafkaTriggerOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true).Build()
            .GetSection(Section).Bind(trigger);
        settings.GetSection(HostSettingsSection).Bind(trigger);
        configure?.Invoke(trigger);
        return trigger;
    }

    public int MaxBatchSize { get; set; } = 64;

    public int SubscriberIntervalInSeconds { get; set; } = 1;

    /// <summary>
    /// The local host's own. False (the default) hands a batch to the function as soon as the consumer has nothing
    /// more fetched, up to <see cref="MaxBatchSize"/>: a lone record is not held, and a busy partition still fills
    /// large batches, since records pile up while the previous batch runs. True batches exactly as the Functions
    /// trigger does: a batch goes when it is full, or when <see cref="SubscriberIntervalInSeconds"/> has passed since
    /// the window began, so every hop of an order may wait that long (tests that emulate the host set it).
    /// </summary>
    public bool WaitForBatchWindow { get; set; }

    /// <summary>How long to wait for one more record, <paramref name="sinceWindowBegan"/> after this batch's window began.</summary>
    public TimeSpan WaitForMore(TimeSpan sinceWindowBegan) =>
        WaitForBatchWindow && TimeSpan.FromSeconds(SubscriberIntervalInSeconds) - sinceWindowBegan is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    /// <summary>The extension's default (true) commits a failed batch's offsets, skipping it; the pipeline's host.json sets false.</summary>
    public bool CommitOnFailure { get; set; } = true;

    /// <summary>
    /// Redeliveries of a failed batch before the extension commits its offsets anyway; -1 (the pipeline's host.json)
    /// never skips, leaving the decision to dead-letter a record to <see cref="Processing.Retries.TriggerBatchHandler"/>.
    /// </summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// The local host's own: commit finished batches when partitions are revoked or the host stops, so that their next
    /// owner does not process them again. False leaves it to the background commit every 200 ms.
    /// </summary>
    public bool CommitOnRevoke { get; set; } = true;

    /// <summary>
    /// How long the consumer may go without polling before its group expels it (<c>max.poll.interval.ms</c>, the
    /// extension's <c>maxPollIntervalMs</c>). A batch waiting out a fault keeps polling, so this bounds one attempt, not the wait.
    /// </summary>
    public int MaxPollIntervalMs { get; set; } = 300_000;
}
