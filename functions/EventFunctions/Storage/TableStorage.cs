using Azure.Data.Tables;

namespace EventFunctions.Storage;

/// <summary>
/// The pipeline's tables, under an optional name prefix (tests use one per run, so they never see each other's rows).
/// </summary>
public sealed class TableStorage(TableServiceClient service, string prefix = "")
{
    /// <summary>The setting that prefixes every table name (empty in production).</summary>
    public const string PrefixSetting = "TablePrefix";

    public const string Validations = "Validations";
    public const string Payments = "Payments";
    public const string Reservations = "Reservations";
    public const string Inventory = "Inventory";
    public const string OrderViews = "OrderViews";

    /// <summary>The daily sales read model. Its versions' tables are created when they are built, not here: it serves once built from the log.</summary>
    public const string DailySales = "DailySales";

    /// <summary>The API's claims: each order id with the fingerprint of what it places.</summary>
    public const string OrderRequests = "OrderRequests";

    /// <summary>Operators' state: attempt counts that outlive a restart, redriven dead letters.</summary>
    public const string Operations = "Operations";

    /// <summary>The simulated payment gateway's idempotency keys: the gateway's own storage, not the pipeline's.</summary>
    public const string PaymentGateway = "PaymentGateway";

    public static IReadOnlyList<string> All { get; } = [OrderRequests, Validations, Payments, Reservations, Inventory, OrderViews, Operations, PaymentGateway];

    public TableServiceClient Service => service;

    public TableClient Table(string name) => service.GetTableClient(prefix + name);

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var name in All)
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
    }
}
