using EventFunctions.Contracts;
using EventFunctions.Processing;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// A read model's projection as a build runs it: the same decisions, written only to the version being built, under a
/// name of its own (its consumer group: attempts, health and logs are the build's), acting on the dead letters redriven
/// for the live group, and signalling nothing to the live readers, which read another version.
/// </summary>
public sealed class RebuildingProjection(IProjection live, ReadModel model, int version) : IProjection
{
    public string Name => model.RebuildGroupOf(version);

    public IReadOnlyList<string> Topics => model.Topics;

    public string HomeTable => model.TableOf(version);

    public string RedriveGroup => live.Name;

    public ValueTask<IReadOnlyList<string>> WriteTablesAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([HomeTable]);

    public bool Handles(EventEnvelope envelope) => live.Handles(envelope);

    public Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken) =>
        live.HandleAsync(events, cancellationToken);

    public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) =>
        live.SettleAsync(cause, reason, cancellationToken);
}
