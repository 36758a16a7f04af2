namespace EventFunctions.Contracts;

/// <summary>One consumer group per function, so each function sees every event of its topics independently.</summary>
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
