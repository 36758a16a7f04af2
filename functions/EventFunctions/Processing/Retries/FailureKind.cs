namespace EventFunctions.Processing.Retries;

/// <summary>What a failure says about the next attempt, which decides whether the partition waits or the event is settled.</summary>
public enum FailureKind
{
    /// <summary>The same attempt can succeed later unchanged (storage or brokers unreachable, throttled, a race): wait and retry for as long as it lasts.</summary>
    Transient,

    /// <summary>The same attempt will fail again (an unreadable event, a request the service rejects, a business impossibility): settle it at once.</summary>
    Permanent,

    /// <summary>
    /// An exception nobody classified, most often a bug or data nobody foresaw: retried a few times, since it may yet
    /// be a fault that passes, then settled, so that it cannot hold its partition forever.
    /// </summary>
    Unknown,
}
