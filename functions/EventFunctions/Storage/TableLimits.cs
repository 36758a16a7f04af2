using Azure.Data.Tables;

namespace EventFunctions.Storage;

internal static class TableLimits
{
    /// <summary>An entity group transaction holds at most 100 operations, all on one partition of one table.</summary>
    public const int TransactionOperations = 100;

    /// <summary>A $filter may hold at most 15 discrete comparisons: one for the partition, 14 for row keys.</summary>
    public const int RowKeysPerQuery = 14;

    /// <summary>The filter for the rows of <paramref name="partition"/> with any of <paramref name="rowKeys"/> (at most <see cref="RowKeysPerQuery"/>).</summary>
    public static string RowsOf(string partition, IEnumerable<string> rowKeys) =>
        $"{TableClient.CreateQueryFilter($"PartitionKey eq {partition}")} and ({string.Join(" or ", rowKeys.Select(k => TableClient.CreateQueryFilter($"RowKey eq {k}")))})";
}
