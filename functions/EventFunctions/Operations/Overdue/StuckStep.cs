using EventFunctions.Contracts;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Overdue;

/// <summary>The function an order that is not final waits on, read off its view: each status has one next step.</summary>
public static class StuckStep
{
    public static string Of(OrderView view) => view.Status switch
    {
        OrderStatus.Placed => ConsumerGroups.ValidateOrder,
        OrderStatus.Validated => ConsumerGroups.ProcessPayment,
        // Paid with a shortage recorded: the refund is what is missing.
        OrderStatus.Paid when view.Reason is not null => ConsumerGroups.RefundPayment,
        OrderStatus.Paid => ConsumerGroups.ReserveStock,
        // Final, but some event of its path has not reached the view.
        _ => ConsumerGroups.ProjectOrderView,
    };
}
