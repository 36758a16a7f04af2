namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>Which dead letters have been put back, so a second redrive skips them unless told otherwise.</summary>
public interface IRedriveLog
{
    Task<IReadOnlyDictionary<string, RedriveMark>> FindAsync(IReadOnlyCollection<string> deadLetterCoordinates, CancellationToken cancellationToken);

    Task MarkAsync(string deadLetterCoordinates, RedriveMark mark, CancellationToken cancellationToken);
}
