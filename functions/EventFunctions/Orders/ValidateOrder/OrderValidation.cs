using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Orders.ValidateOrder;

/// <summary>The pure decision of ValidateOrder: an order and the catalogue's prices in, OrderValidated or OrderRejected out.</summary>
public static class OrderValidation
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    public static IOrderEvent Decide(OrderPlaced order, IReadOnlyDictionary<string, CataloguePrice> prices)
    {
        if (Problem(order, prices) is { } reason)
            return new OrderRejected(order.OrderId, reason);

        var lines = order.Lines.Select(l => new PricedLine(l.Sku, l.Quantity, prices[l.Sku].UnitPrice)).ToList();
        return TotalOf(lines) is { } total
            ? new OrderValidated(order.OrderId, order.CustomerId, lines, total, order.PaymentToken, order.Currency)
            : new OrderRejected(order.OrderId, Reasons.TotalTooLarge);
    }

    /// <summary>
    /// A placement the API accepted without its claim (<c>Messaging.OrderPlacement</c>), once the claim is made: if the
    /// order id holds <paramref name="heldFingerprint"/>, the fingerprint of other content placed first, this placement
    /// is rejected and the order goes on as the first placed it; otherwise it is decided as any order.
    /// </summary>
    public static IOrderEvent DecideDeferred(OrderPlaced order, string fingerprint, string heldFingerprint, IReadOnlyDictionary<string, CataloguePrice> prices) =>
        heldFingerprint == fingerprint ? Decide(order, prices) : new OrderRejected(order.OrderId, OrderRejected.OrderIdReused);

    /// <summary>The order's total, or null when it does not fit a decimal (a catalogue price near the type's limit).</summary>
    private static decimal? TotalOf(IReadOnlyList<PricedLine> lines)
    {
        try
        {
            return lines.Aggregate(0m, (sum, line) => sum + line.LineTotal);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static string? Problem(OrderPlaced order, IReadOnlyDictionary<string, CataloguePrice> prices)
    {
        if (!Identifiers.IsValid(order.CustomerId)) return Reasons.InvalidCustomer;
        if (string.IsNullOrWhiteSpace(order.PaymentToken)) return Reasons.MissingPaymentToken;
        if (!CurrencyCode.IsValid(order.Currency)) return Reasons.InvalidCurrency(order.Currency);
        if (order.Lines.Count == 0) return Reasons.NoLines;
        if (order.Lines.Count > MaxLines) return Reasons.TooManyLines;
        if (order.Lines.FirstOrDefault(l => !Identifiers.IsValid(l.Sku)) is { } badSku) return Reasons.InvalidSku(badSku.Sku);
        if (order.Lines.FirstOrDefault(l => l.Quantity is < 1 or > MaxQuantity) is { } badQuantity) return Reasons.InvalidQuantity(badQuantity.Sku);
        if (order.Lines.GroupBy(l => l.Sku).FirstOrDefault(g => g.Count() > 1) is { } repeated) return Reasons.DuplicateSku(repeated.Key);
        var unknown = order.Lines.Select(l => l.Sku).Where(sku => !prices.ContainsKey(sku)).ToList();
        if (unknown.Count > 0) return Reasons.UnknownSkus(unknown);
        // No conversion: a sku is sold only in the currency the catalogue prices it in.
        return order.Lines.FirstOrDefault(l => prices[l.Sku].Currency != order.Currency) is { } foreign
            ? Reasons.OtherCurrency(foreign.Sku, prices[foreign.Sku].Currency, order.Currency)
            : null;
    }

    /// <summary>Every reason an order can be rejected for, as the view and the event state it.</summary>
    public static class Reasons
    {
        public const string InvalidCustomer = "customer id is missing or invalid";
        public const string MissingPaymentToken = "payment token is missing";
        public const string NoLines = "order has no lines";
        public static readonly string TooManyLines = $"order has more than {MaxLines} lines";

        public static string InvalidSku(string sku) => $"sku '{sku}' is not a valid sku";

        public static string InvalidQuantity(string sku) => $"quantity of '{sku}' must be between 1 and {MaxQuantity}";

        public static string DuplicateSku(string sku) => $"sku '{sku}' appears on more than one line";

        public static string UnknownSkus(IEnumerable<string> skus) => $"unknown sku: {string.Join(", ", skus)}";

        public static string InvalidCurrency(string currency) => $"currency '{currency}' is not {CurrencyCode.Rule}";

        public static string OtherCurrency(string sku, string priced, string ordered) => $"sku '{sku}' is priced in {priced}, not in {ordered}";

        public const string TotalTooLarge = "order total is too large to charge";

        public static string NotProcessable(string failure) => $"order could not be processed: {failure}";
    }
}
