using Azure;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.Processing.Retries;

/// <summary>Failed attempts of batches in the Operations table, one row per batch, counted up under its ETag.</summary>
public sealed class TableAttemptLog(TableStorage tables) : IAttemptLog
{
    private const string Partition = "attempts";
    private const string FailuresProperty = "Failures";
    private const int MaxRaces = 5;

    private TableClient Table => tables.Table(TableStorage.Operations);

    public async Task<int> RecordFailureAsync(string batch, CancellationToken cancellationToken)
    {
        var key = RowKeyOf(batch);
        for (var race = 1; ; race++)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, key, cancellationToken: cancellationToken);
            var failures = (row.HasValue ? row.Value!.GetInt32(FailuresProperty) ?? 0 : 0) + 1;
            var next = new TableEntity(Partition, key) { [FailuresProperty] = failures, ["Batch"] = batch };
            try
            {
                if (row.HasValue) await Table.UpdateEntityAsync(next, row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await Table.AddEntityAsync(next, cancellationToken);
                return failures;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && race < MaxRaces)
            {
                // Another instance counted the same batch meanwhile: count on top of its count.
            }
        }
    }

    public async Task ForgetAsync(string batch, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(Partition, RowKeyOf(batch), ETag.All, cancellationToken);

    /// <summary>Batch keys hold only topic names, numbers and punctuation Table keys allow, bar the few replaced here.</summary>
    private static string RowKeyOf(string batch) =>
        string.Concat(batch.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c));
}
