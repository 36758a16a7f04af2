namespace EventFunctions.Processing;

/// <summary>
/// A read model's projection: an <see cref="IEventFunction"/> whose every write is an idempotent fact (first wins, or
/// overwritten alike by a repeat), so it keeps no inbox (<see cref="EventFunctionKinds.KeepsInbox"/>), emits nothing, and may write
/// several versions of its read model at once.
/// </summary>
public interface IProjection : IEventFunction
{
    /// <summary>
    /// The tables its effects are committed to: every version of the read model kept current
    /// (<see cref="ReadSide.Versions.ViewTables"/>), the first of them the one whose answer counts.
    /// </summary>
    ValueTask<IReadOnlyList<string>> WriteTablesAsync(CancellationToken cancellationToken);

    /// <summary>The consumer group whose redriven dead letters it acts on: its own, or the live group a rebuild stands in for.</summary>
    string RedriveGroup => Name;

    /// <summary>Called once the batch's effects are committed (before the runner returns): the live readers' signal.</summary>
    void Committed(IReadOnlyList<Effect> effects)
    {
    }
}
