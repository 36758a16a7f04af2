using Azure.Data.Tables;

namespace EventFunctions.Storage;

/// <summary>Reads rows by key.</summary>
internal static class TableRows
{
    /// <summary>
    /// The rows of <paramref name="partition"/> with any of <paramref name="rowKeys"/> (at most
    /// <see cref="TableLimits.RowKeysPerQuery"/>). A single key is a point read, the cheapest read there is: a query
    /// filters a partition where a point read goes straight to its row (and Azurite scans the whole table for a query).
    /// </summary>
    public static async Task<List<TableEntity>> FindAsync(
        TableClient table, string partition, IReadOnlyCollection<string> rowKeys, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>();
        if (rowKeys.Count == 1)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKeys.First(), select, cancellationToken);
            if (row.HasValue) found.Add(row.Value!);
            return found;
        }
        await foreach (var row in table.QueryAsync<TableEntity>(Filter(partition, rowKeys), select: select, cancellationToken: cancellationToken))
            found.Add(row);
        return found;
    }

    private static string Filter(string partition, IEnumerable<string> rowKeys) =>
        $"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and ({string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
}
