using EventFunctions.Contracts;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// A build's progress over every partition of its read model's topics, measured at <see cref="MeasuredAt"/>: the ends
/// were read first, then the build group's committed offsets, so a build caught up here has projected every record
/// written before that moment.
/// </summary>
public sealed record RebuildProgress(DateTimeOffset MeasuredAt, IReadOnlyList<PartitionProgress> Partitions)
{
    public bool CaughtUp => Partitions.All(p => p.CaughtUp);

    /// <summary>The partitions' offsets as measured, without the build's position.</summary>
    public IReadOnlyList<PartitionRange> Ranges => Partitions.Select(p => new PartitionRange(p.Topic, p.Partition, p.Earliest, p.End)).ToList();

    public long RecordsProjected => Partitions.Sum(p => Math.Max(0, p.Reached - p.Earliest));

    public long RecordsToProject => Partitions.Sum(p => Math.Max(0, p.End - p.Earliest));

    /// <summary>Orders projected so far: the OrderPlaced records read, when the read model reads them (one per order).</summary>
    public long? OrdersProjected =>
        Partitions.Any(p => p.Topic == Topics.OrdersPlaced)
            ? Partitions.Where(p => p.Topic == Topics.OrdersPlaced).Sum(p => Math.Max(0, p.Reached - p.Earliest))
            : null;

    /// <summary>
    /// Measures progress from the partitions' offsets: <paramref name="committed"/> is where the build group has
    /// committed; a partition without a commit has been read up to its earliest offset, where the group starts.
    /// </summary>
    public static RebuildProgress Of(DateTimeOffset measuredAt, IReadOnlyList<PartitionRange> ranges, IReadOnlyDictionary<(string Topic, int Partition), long?> committed) =>
        new(measuredAt, ranges.Select(r => new PartitionProgress(
            r.Topic, r.Partition, r.Earliest, committed.GetValueOrDefault((r.Topic, r.Partition)) ?? r.Earliest, r.End)).ToList());
}

/// <summary>A partition's offsets: the earliest still kept and the next to be written.</summary>
public sealed record PartitionRange(string Topic, int Partition, long Earliest, long End)
{
    /// <summary>Records before <see cref="Earliest"/> are gone (retention, or the embedded cluster's 5 MiB per partition).</summary>
    public bool LostHistory => Earliest > 0;
}
