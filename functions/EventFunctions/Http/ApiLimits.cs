using System.Text.RegularExpressions;
using EventFunctions.Contracts;

namespace EventFunctions.Http;

/// <summary>
/// What the API accepts, chosen so that nothing it accepts can fail later for its size or range: the largest order
/// (50 lines of 64-character skus, the longest token) encodes to a few KiB, far within a Table property (64 KiB), a
/// Kafka record (1 MiB) and a decimal total (50 × 1,000 × 1,000,000). Lines and quantities are the validation's own
/// limits (<see cref="Orders.ValidateOrder.OrderValidation"/>), which the intake checks before anything reaches Kafka.
/// </summary>
public static partial class ApiLimits
{
    /// <summary>A request body larger than this is refused with 413 before it is read.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    public const string PaymentTokenRule = "1 to 128 characters: letters, digits, '_' or '-'";

    /// <summary>A stock level: whole units, small enough that stock given back never overflows.</summary>
    public const int MaxStock = 100_000_000;

    public const decimal MinUnitPrice = 0.01m;
    public const decimal MaxUnitPrice = 1_000_000m;

    public static string IdRule => Identifiers.Rule;

    public static bool IsPaymentToken(string? token) => token is not null && PaymentToken().IsMatch(token);

    /// <summary>A price in a currency's smallest unit: at most two decimals.</summary>
    public static bool IsUnitPrice(decimal price) => price is >= MinUnitPrice and <= MaxUnitPrice && decimal.Round(price, 2) == price;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex PaymentToken();
}
