using System.Globalization;

namespace EventFunctions.Functions.RefundPayment;

/// <summary>The ledger's refund row, beside the charge it compensates: at most one per charge, ever.</summary>
public sealed record PaymentRefund(string OrderId, string PaymentId, string RefundId, decimal Amount) : StateChange
{
    public static string RowKeyOf(string orderId) => $"{orderId}|refund";

    public override string RowKey => RowKeyOf(OrderId);

    public override ConflictRule OnConflict => ConflictRule.Exclusive;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        ["PaymentId"] = PaymentId,
        ["RefundId"] = RefundId,
        ["Amount"] = Amount.ToString(CultureInfo.InvariantCulture),
    };
}
