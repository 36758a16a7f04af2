using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>Redriven dead letters in the Operations table, one row per dead letter, keyed by its coordinates.</summary>
public sealed class TableRedriveLog(TableStorage tables) : IRedriveLog
{
    private const string Partition = "redrives";

    private TableClient Table => tables.Table(TableStorage.Operations);

    public async Task<IReadOnlyDictionary<string, RedriveMark>> FindAsync(IReadOnlyCollection<string> deadLetterCoordinates, CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, RedriveMark>();
        if (deadLetterCoordinates.Count == 0) return marks;
        // Dead letters are few and redrives fewer: the whole partition is one query.
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            marks[row.GetString("Coordinates")] = new RedriveMark(row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue, row.GetString("To"));
        return marks.Where(m => deadLetterCoordinates.Contains(m.Key)).ToDictionary();
    }

    public async Task MarkAsync(string deadLetterCoordinates, RedriveMark mark, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(Partition, RowKeyOf(deadLetterCoordinates))
        {
            ["Coordinates"] = deadLetterCoordinates,
            ["At"] = mark.At,
            ["To"] = mark.To,
        }, TableUpdateMode.Replace, cancellationToken);

    private static string RowKeyOf(string coordinates) => coordinates.Replace('/', '_');
}
