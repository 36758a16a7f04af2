namespace EventFunctions.Messaging;

/// <summary>Produces records and returns only once the broker has acknowledged every one of them.</summary>
public interface IEventPublisher
{
    Task PublishAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken);
}
