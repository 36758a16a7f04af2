using Azure;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The generated provenance key, one row of the Operations table. The first host to start stores a new one; a host
/// that loses that race (409) reads the winner's, so every host sharing the tables signs alike.
/// </summary>
public sealed class TableProvenanceKeyStore(TableStorage tables) : IProvenanceKeyStore
{
    private const string Partition = "provenance";
    private const string Row = "key";
    private const string KeyProperty = "Key";

    public async Task<ProvenanceKey> GetOrCreateAsync(CancellationToken cancellationToken)
    {
        var table = tables.Table(TableStorage.Operations);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        if (stored.HasValue) return Read(stored.Value!);
        var generated = ProvenanceKey.Generate();
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Row) { [KeyProperty] = generated.ToBase64() }, cancellationToken);
            return generated;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return Read((await table.GetEntityAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken)).Value);
        }
    }

    private static ProvenanceKey Read(TableEntity row) => new(Convert.FromBase64String(row.GetString(KeyProperty)));
}
