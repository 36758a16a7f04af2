namespace EventFunctions.ReadSide.Rebuild;

/// <summary>How far a build has read one partition: from its earliest kept offset, up to the end it had when measured.</summary>
public sealed record PartitionProgress(string Topic, int Partition, long Earliest, long Reached, long End)
{
    public long Remaining => Math.Max(0, End - Reached);

    public bool CaughtUp => Reached >= End;
}
