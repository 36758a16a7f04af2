using System.Globalization;
using EventFunctions.Processing;

namespace EventFunctions.Orders.ProcessPayment;

/// <summary>The ledger's charge row: at most one per order, ever, whether the charge was captured or declined.</summary>
public sealed record PaymentCharge(string OrderId, string? PaymentId, decimal Amount, string? DeclineReason) : StateChange
{
    public static string RowKeyOf(string orderId) => $"{orderId}|charge";

    public override string RowKey => RowKeyOf(OrderId);

    public override ConflictRule OnConflict => ConflictRule.Exclusive;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        ["Status"] = PaymentId is null ? "declined" : "captured",
        ["PaymentId"] = PaymentId ?? "",
        ["Amount"] = Amount.ToString(CultureInfo.InvariantCulture),
        ["DeclineReason"] = DeclineReason ?? "",
    };
}
