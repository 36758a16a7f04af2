namespace EventFunctions.Processing.Retries;

/// <summary>A classified failure: its kind, the part of the system it came from, and a one-line reason for operators and for the order's view.</summary>
public sealed record Failure(FailureKind Kind, string Source, string Reason)
{
    /// <summary>Reasons go into views, event payloads and Kafka headers: one line, bounded.</summary>
    public const int MaxReasonLength = 300;

    public static Failure Transient(string source, string reason) => new(FailureKind.Transient, source, Bound(reason));

    public static Failure Permanent(string source, string reason) => new(FailureKind.Permanent, source, Bound(reason));

    public static Failure Unknown(string source, string reason) => new(FailureKind.Unknown, source, Bound(reason));

    public override string ToString() => $"{Source}: {Reason}";

    private static string Bound(string reason)
    {
        var line = reason.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxReasonLength ? line : line[..(MaxReasonLength - 1)] + "…";
    }
}
