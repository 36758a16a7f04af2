namespace EventFunctions.Contracts;

/// <summary>
/// One name per function, so each function sees every event of its topics independently: the consumer group of a
/// function that reads one topic, the stem of the per-topic groups of one that reads several (Triggers/TriggerGroups),
/// and what dead letters and redrives name either way.
/// </summary>
public static class ConsumerGroups
{
    public const string ValidateOrder = "validate-order";
    public const string ProcessPayment = "process-payment";
    public const string ReserveStock = "reserve-stock";
    public const string RefundPayment = "refund-payment";
    public const string ProjectOrderView = "project-order-view";
    public const string ProjectDailySales = "project-daily-sales";

    public static IReadOnlyList<string> All { get; } = [ValidateOrder, ProcessPayment, ReserveStock, RefundPayment, ProjectOrderView, ProjectDailySales];
}
