using EventFunctions.Messaging;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The key records are signed with now, and every key whose signatures are still accepted (the previous one, during
/// a rotation). A record's signature is checked against the key of its topic's one writer.
/// </summary>
public sealed class ProvenanceKeyring(ProvenanceKey current, IEnumerable<ProvenanceKey> previous)
{
    private readonly IReadOnlyDictionary<string, ProvenanceKey> accepted =
        previous.Prepend(current).DistinctBy(k => k.Id).ToDictionary(k => k.Id);

    public ProvenanceKey Current => current;

    public OutgoingRecord Sign(OutgoingRecord record, string writer) => RecordSignature.Sign(record, current.For(writer));

    public SignatureCheck Check(IncomingRecord record, string writer)
    {
        if (RecordSignature.Of(record) is not var (keyId, mac)) return SignatureCheck.Unsigned;
        if (!accepted.TryGetValue(keyId, out var key)) return SignatureCheck.UnknownKey;
        return RecordSignature.Matches(record, mac, key.For(writer).Secret) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }
}

public enum SignatureCheck
{
    /// <summary>Written before signatures existed (or by hand): only its writer's tables can vouch for it.</summary>
    Unsigned,

    Valid,

    /// <summary>Signed, but not by its topic's writer, or altered since.</summary>
    Invalid,

    /// <summary>Signed with a key the pipeline no longer (or never) accepted.</summary>
    UnknownKey,
}
