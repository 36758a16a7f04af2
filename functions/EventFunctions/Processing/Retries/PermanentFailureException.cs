namespace EventFunctions.Processing.Retries;

/// <summary>
/// Raised by the pipeline's own code for a request that can never succeed as it is: a business impossibility or state
/// that cannot be read. The trigger policy settles the event at once instead of retrying it.
/// </summary>
public class PermanentFailureException(string source, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The part of the system that refused, as operators read it ("payment gateway", "inventory").</summary>
    public string FailedPart => source;
}
