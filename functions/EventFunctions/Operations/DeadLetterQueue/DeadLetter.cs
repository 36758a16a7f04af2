namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>
/// A dead letter as an operator reads it: where it lies, where it came from, which consumer group gave up on it and
/// why, the order and event it concerns, and whether it has been put back.
/// </summary>
public sealed record DeadLetter(
    string Topic,
    int Partition,
    long Offset,
    string OriginalTopic,
    int? OriginalPartition,
    long? OriginalOffset,
    string? ConsumerGroup,
    string? Reason,
    string? OrderId,
    string? EventId,
    string? EventType,
    DateTimeOffset? Time,
    int RedriveCount,
    RedriveMark? Redriven)
{
    public string Coordinates => $"{Topic}[{Partition}]@{Offset}";
}

/// <summary>When a dead letter was put back, and where its copy went.</summary>
public sealed record RedriveMark(DateTimeOffset At, string To);
