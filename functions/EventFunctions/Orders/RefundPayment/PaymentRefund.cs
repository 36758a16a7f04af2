using System.Globalization;
using EventFunctions.Processing;

namespace EventFunctions.Orders.RefundPayment;

/// <summary>
/// The ledger's refund row, beside the charge it compensates: at most one per charge, ever. Either refunded (with the
/// gateway's refund id) or failed (with the gateway's reason: the money is owed by other means).
/// </summary>
public sealed record PaymentRefund(string OrderId, string PaymentId, decimal Amount, string? RefundId, string? FailureReason = null) : StateChange
{
    public static string RowKeyOf(string orderId) => $"{orderId}|refund";

    public override string RowKey => RowKeyOf(OrderId);

    public override ConflictRule OnConflict => ConflictRule.Exclusive;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        ["Status"] = RefundId is null ? "failed" : "refunded",
        ["PaymentId"] = PaymentId,
        ["RefundId"] = RefundId ?? "",
        ["Amount"] = Amount.ToString(CultureInfo.InvariantCulture),
        ["FailureReason"] = FailureReason ?? "",
    };
}
