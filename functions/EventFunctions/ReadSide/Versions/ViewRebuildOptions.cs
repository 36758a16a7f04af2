using Confluent.Kafka;

namespace EventFunctions.ReadSide.Versions;

/// <summary>How read models are versioned and rebuilt. A host may register its own before the pipeline's services (tests shorten the times).</summary>
public sealed record ViewRebuildOptions
{
    /// <summary>How long an instance may use the versions it read last: a switch reaches every instance within this.</summary>
    public TimeSpan VersionsTtl { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each instance looks for builds to run and checks whether one has caught up.</summary>
    public TimeSpan CheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Records a build's consumer takes at once.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Builds started by themselves for read models that were never built (one added since the last deployment).</summary>
    public bool BuildNewReadModels { get; init; } = true;

    /// <summary>False where this process runs no functions (<c>./run.sh infra</c>): the process that runs them runs the builds.</summary>
    public bool RunsBuilds { get; init; } = true;

    /// <summary>Adjusts a build consumer's settings (the local host sets its group protocol).</summary>
    public Action<ConsumerConfig>? ConfigureConsumer { get; init; }
}
