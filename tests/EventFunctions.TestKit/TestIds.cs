namespace EventFunctions.TestKit;

/// <summary>
/// Ids no other test, run or earlier run uses, so that tests share one cluster and one storage account without seeing
/// each other's orders, skus or tables: a prefix that says what the id is for, then hex digits of a new Guid.
/// </summary>
public static class TestIds
{
    /// <summary>An order id, <c>prefix-1a2b3c4d</c>: within the API's id rule when the prefix is.</summary>
    public static string Order(string prefix) => $"{prefix}-{Run()}";

    /// <summary>A sku, <c>prefix-1a2b3c4d</c>.</summary>
    public static string Sku(string prefix) => $"{prefix}-{Run()}";

    /// <summary>
    /// A table prefix (or a table name), <c>prefix1a2b3c4d</c>: letters and digits only, as Table names must be, so
    /// start it with a letter.
    /// </summary>
    public static string TablePrefix(string prefix) => prefix + Run();

    /// <summary><paramref name="hexDigits"/> hex digits of a new Guid, to mark every id a test builds in one run.</summary>
    public static string Run(int hexDigits = 8) => Guid.NewGuid().ToString("N")[..hexDigits];
}
