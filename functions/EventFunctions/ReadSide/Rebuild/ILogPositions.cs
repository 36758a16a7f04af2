namespace EventFunctions.ReadSide.Rebuild;

/// <summary>The log's offsets, as the brokers report them.</summary>
public interface ILogPositions
{
    Task<IReadOnlyList<PartitionRange>> RangesAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken);

    /// <summary>Where <paramref name="group"/> has committed on each partition of <paramref name="topics"/>; null where it has not.</summary>
    Task<IReadOnlyDictionary<(string Topic, int Partition), long?>> CommittedAsync(string group, IReadOnlyList<string> topics, CancellationToken cancellationToken);
}
