namespace EventFunctions.Processing.Retries;

/// <summary>
/// Raised by the pipeline's own code for an attempt that can succeed later, unchanged, for a reason of its own (a race
/// it keeps losing) rather than a service being away: the trigger policy waits and tries again, and operators read the
/// part that raised it, not a network fault.
/// </summary>
public class TransientFailureException(string source, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The part of the system that could not finish yet, as operators read it ("stock reservations").</summary>
    public string FailedPart => source;
}
