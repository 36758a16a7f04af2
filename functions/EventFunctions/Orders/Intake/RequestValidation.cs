using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Http;
using EventFunctions.Orders.ValidateOrder;

namespace EventFunctions.Orders.Intake;

/// <summary>The checks both hosts make before anything reaches Kafka, keyed by the JSON path of the field at fault.</summary>
public static class RequestValidation
{
    public static Dictionary<string, string[]> Check(PlaceOrderRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.OrderId is not null && !Identifiers.IsValid(request.OrderId))
            errors["orderId"] = [$"orderId must be {Identifiers.Rule}."];
        if (!Identifiers.IsValid(request.CustomerId))
            errors["customerId"] = [$"customerId is required: {Identifiers.Rule}."];
        if (!ApiLimits.IsPaymentToken(request.PaymentToken))
            errors["paymentToken"] = [$"paymentToken is required: {ApiLimits.PaymentTokenRule}."];
        if (CurrencyError(request.Currency) is { } currency)
            errors["currency"] = currency;

        if (request.Lines is null || request.Lines.Count == 0)
            errors["lines"] = ["lines must hold at least one line."];
        else if (request.Lines.Count > OrderValidation.MaxLines)
            errors["lines"] = [$"lines may hold at most {OrderValidation.MaxLines} lines."];
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null)
                {
                    errors[$"lines[{i}]"] = ["a line must be an object with sku and quantity."];
                    continue;
                }
                if (!Identifiers.IsValid(line.Sku))
                    errors[$"lines[{i}].sku"] = [$"sku is required: {Identifiers.Rule}."];
                if (line.Quantity is not (>= 1 and <= OrderValidation.MaxQuantity))
                    errors[$"lines[{i}].quantity"] = [$"quantity must be a whole number from 1 to {OrderValidation.MaxQuantity}."];
            }
            var repeated = request.Lines.Where(l => l?.Sku is not null).GroupBy(l => l!.Sku).FirstOrDefault(g => g.Count() > 1);
            if (repeated is not null)
                errors["lines"] = [$"sku '{repeated.Key}' appears on more than one line; put its whole quantity on one line."];
        }
        return errors;
    }

    public static Dictionary<string, string[]> Check(SetInventoryRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Quantity is not (>= 0 and <= ApiLimits.MaxStock))
            errors["quantity"] = [$"quantity is required: a whole number from 0 to {ApiLimits.MaxStock}."];
        if (request.UnitPrice is not { } price || !ApiLimits.IsUnitPrice(price))
            errors["unitPrice"] = [$"unitPrice is required: from {ApiLimits.MinUnitPrice} to {ApiLimits.MaxUnitPrice}, with at most two decimals."];
        if (CurrencyError(request.Currency) is { } currency)
            errors["currency"] = currency;
        return errors;
    }

    /// <summary>An omitted currency is the default (euros, as every amount was before currencies existed).</summary>
    private static string[]? CurrencyError(string? currency) =>
        currency is null || CurrencyCode.IsValid(currency) ? null : [$"currency must be {CurrencyCode.Rule} (default {CurrencyCode.Default})."];

    /// <summary>The event a valid request places; its id comes from the order id, so posting it twice places one order.</summary>
    public static OrderPlaced ToEvent(PlaceOrderRequest request, string orderId) => new(
        orderId,
        request.CustomerId!,
        request.Lines!.Select(l => new OrderLine(l!.Sku!, l.Quantity!.Value)).ToList(),
        request.PaymentToken!,
        request.Currency ?? CurrencyCode.Default);
}
