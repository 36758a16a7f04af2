
namespace EventFunctions.ReadSide.OrderViews;

public enum OrderStatus
{
    Placed,
    Validated,
    Rejected,
    Paid,
    PaymentDeclined,
    Confirmed,
    Cancelled,
}

public static class OrderStatuses
{
    public static bool IsFinal(this OrderStatus status) =>
        status is OrderStatus.Rejected or OrderStatus.PaymentDeclined or OrderStatus.Confirmed or OrderStatus.Cancelled;
}
