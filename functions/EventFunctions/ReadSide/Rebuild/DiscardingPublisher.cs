using EventFunctions.Messaging;
using Microsoft.Extensions.Logging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// The publisher of a view build, which publishes nothing and logs what it passes over. A projection emits no events, so all a build could publish are dead letters, and
/// the live group dead-lettered those same records when it first met them (reading is deterministic, and a record
/// redriven since comes back as a copy that the build projects): a second copy would only double the dead-letter topic.
/// </summary>
public sealed class DiscardingPublisher(string build, ILogger logger) : IEventPublisher
{
    public Task PublishAsync(IReadOnlyList<OutgoingRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count > 0)
            logger.LogInformation("{Build}: passed over {Count} records the live group dead-lettered", build, records.Count);
        return Task.CompletedTask;
    }
}
