namespace EventFunctions.Processing.Retries;

/// <summary>
/// Failed attempts of a batch, counted where every instance and every restart sees them. Only failures nobody
/// classified are counted here: they are the ones retried a bounded number of times, and a restart (or a crash the
/// failure itself causes) must not start that count over.
/// </summary>
public interface IAttemptLog
{
    /// <summary>Counts one more failed attempt of <paramref name="batch"/> and returns how many it has had in all.</summary>
    Task<int> RecordFailureAsync(string batch, CancellationToken cancellationToken);

    Task ForgetAsync(string batch, CancellationToken cancellationToken);
}
