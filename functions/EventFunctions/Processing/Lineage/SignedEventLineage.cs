using EventFunctions.Contracts;
using EventFunctions.Messaging;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// Provenance without a read: a record signed by its topic's writer is that writer's, as it wrote it. A record whose
/// signature does not verify is an orphan at once. Only an unsigned record (written before signatures, or by hand)
/// is checked the old way, against its writer's tables (<paramref name="unsigned"/>), so records already on the log
/// and redriven dead letters keep their lineage.
/// </summary>
public sealed class SignedEventLineage(ProvenanceKeys keys, IEventLineage unsigned) : IEventLineage
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public async Task<IReadOnlyDictionary<string, string>> FindOrphansAsync(
        IReadOnlyList<(EventEnvelope Event, IncomingRecord Record)> events, CancellationToken cancellationToken)
    {
        var keyring = await keys.GetAsync(cancellationToken);
        Dictionary<string, string>? orphans = null;
        List<(EventEnvelope Event, IncomingRecord Record)>? toLookUp = null;
        foreach (var (@event, record) in events)
        {
            var writer = Topics.Get(record.Topic).Writer;
            switch (keyring.Check(record, writer))
            {
                case SignatureCheck.Valid:
                    break;
                case SignatureCheck.Unsigned:
                    (toLookUp ??= []).Add((@event, record));
                    break;
                case SignatureCheck.UnknownKey:
                    (orphans ??= [])[@event.Id] = $"it is signed with key {RecordSignature.Of(record)!.Value.KeyId}, which the pipeline does not hold";
                    break;
                default:
                    (orphans ??= [])[@event.Id] = $"it is not what {writer} emitted: its signature does not match the record";
                    break;
            }
        }
        if (toLookUp is null) return orphans ?? None;
        var found = await unsigned.FindOrphansAsync(toLookUp, cancellationToken);
        if (orphans is null) return found;
        foreach (var (id, reason) in found) orphans[id] = reason;
        return orphans;
    }
}
