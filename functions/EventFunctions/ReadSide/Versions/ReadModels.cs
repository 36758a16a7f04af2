using EventFunctions.Contracts;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.Versions;

/// <summary>The pipeline's read models. Adding one is adding it here and writing its projection (docs/read-models.md, "Add a read model").</summary>
public static class ReadModels
{
    /// <summary>Every order's view, its customer index and the open orders the overdue scan reads.</summary>
    public static readonly ReadModel Orders = new(
        "orders", TableStorage.OrderViews, ConsumerGroups.ProjectOrderView, Contracts.Topics.All.Select(t => t.Name).ToList(), BuiltFromStart: true);

    /// <summary>Units and revenue per sku and day, of confirmed orders: added after the pipeline's first release, so filled from history.</summary>
    public static readonly ReadModel DailySales = new(
        "daily-sales", TableStorage.DailySales, ConsumerGroups.ProjectDailySales, [Contracts.Topics.OrdersValidated, Contracts.Topics.StockOutcomes], BuiltFromStart: false);

    public static IReadOnlyList<ReadModel> All { get; } = [Orders, DailySales];

    public static ReadModel? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
