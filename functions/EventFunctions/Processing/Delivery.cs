namespace EventFunctions.Processing;

/// <summary>
/// What a host knows of a batch's history. It decides only whether the runner first looks for events already
/// processed, to re-publish their stored outboxes instead of acting again; exactly-once effects never rest on it,
/// since every commit is guarded by the event's inbox row and every external call by an idempotency key.
/// </summary>
public enum Delivery
{
    /// <summary>The records may have been delivered before (after a restart, a rebalance or a failed attempt): look first.</summary>
    MaybeRepeated,

    /// <summary>
    /// The host cannot tell (the Functions extension says nothing of a batch's history): act without looking. There a
    /// repeat is the exception (a crash, a scale step), so a look before every batch would cost a read per record for
    /// nothing; a repeat that comes is still taken once, at a higher price: the function decides again (its external
    /// calls are keyed), and the commit meets the inbox row and re-publishes what was stored. A batch that failed
    /// before is looked at all the same (<see cref="Processing.Retries.TriggerBatchHandler"/>).
    /// </summary>
    Unknown,

    /// <summary>
    /// The host knows no member of its group was handed these offsets before: they were written after it was assigned
    /// the partition. Copies of an event at other offsets are still settled at commit.
    /// </summary>
    First,
}
