using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EventFunctions.Messaging;
using EventFunctions.Processing.Retries;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Processing;

/// <summary>
/// How far each function is behind: per partition, the end offset minus the committed offset of the function's group on that topic,
/// read from the brokers every few seconds. Asking the brokers rather than the consumers gives the same answer under
/// both hosts and across instances, where no one process holds every partition.
/// </summary>
public sealed class ConsumerLagMonitor : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly KafkaConnection kafka;
    private readonly IReadOnlyList<IEventFunction> functions;
    private readonly ILogger<ConsumerLagMonitor> logger;
    private volatile LagSample latest = LagSample.None;

    public ConsumerLagMonitor(KafkaConnection kafka, IEnumerable<IEventFunction> functions, IMeterFactory meters, ILogger<ConsumerLagMonitor> logger)
    {
        this.kafka = kafka;
        this.functions = functions.ToList();
        this.logger = logger;
        PipelineMetrics.Meter(meters).CreateObservableGauge("eventfunctions.consumer.lag",
            () => latest.Partitions.Select(l => new Measurement<long>(l.Lag,
                new KeyValuePair<string, object?>("group", l.Group),
                new KeyValuePair<string, object?>("topic", l.Topic),
                new KeyValuePair<string, object?>("partition", l.Partition))),
            "{record}", "Records on a partition that a function's consumer group has not yet committed, by group, topic and partition.");
    }

    /// <summary>The last sample, with when it was taken: <see cref="LagSample.None"/> until the first one.</summary>
    public LagSample Latest => latest;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var admin = new AdminClientBuilder(kafka.AdminConfig()).Build();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                latest = new LagSample(DateTimeOffset.UtcNow, await SampleAsync(admin, stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A broker away: the gauges keep the last sample, and the next tick asks again.
                logger.LogDebug("Consumer lag not sampled: {Reason}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<PartitionLag>> SampleAsync(IAdminClient admin, CancellationToken cancellationToken)
    {
        var partitions = LogOffsets.PartitionsOf(functions.SelectMany(f => f.Topics));
        var endOf = await LogOffsets.ListAsync(admin, partitions, OffsetSpec.Latest());
        var startOf = await LogOffsets.ListAsync(admin, partitions, OffsetSpec.Earliest());
        cancellationToken.ThrowIfCancellationRequested();

        var lags = new List<PartitionLag>();
        foreach (var function in functions)
        foreach (var (topic, group) in TriggerGroups.All(function))
        {
            var own = partitions.Where(p => p.Topic == topic).ToList();
            foreach (var (partition, committed) in await LogOffsets.CommittedAsync(admin, group, own))
            {
                var end = endOf.GetValueOrDefault(partition);
                // No commit yet: the group starts from the earliest offset still kept, so all of the partition is its lag.
                var position = committed ?? startOf.GetValueOrDefault(partition);
                lags.Add(new PartitionLag(function.Name, group, partition.Topic, partition.Partition.Value, position, end, Math.Max(0, end - position)));
            }
        }
        return lags;
    }
}

/// <summary>The lag of every partition of every group, taken together at <see cref="At"/> (null: never).</summary>
public sealed record LagSample(DateTimeOffset? At, IReadOnlyList<PartitionLag> Partitions)
{
    public static readonly LagSample None = new(null, []);
}

/// <summary>A function's position on one partition, in the consumer group of its trigger on that topic.</summary>
public sealed record PartitionLag(string Function, string Group, string Topic, int Partition, long Committed, long End, long Lag);
