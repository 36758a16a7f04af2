namespace EventFunctions.Storage;

internal static class TableLimits
{
    /// <summary>An entity group transaction holds at most 100 operations, all on one partition of one table.</summary>
    public const int TransactionOperations = 100;

    /// <summary>A $filter may hold at most 15 discrete comparisons: one for the partition, 14 for row keys.</summary>
    public const int RowKeysPerQuery = 14;
}
