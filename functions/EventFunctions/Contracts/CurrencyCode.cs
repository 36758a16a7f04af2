using System.Text.RegularExpressions;

namespace EventFunctions.Contracts;

/// <summary>
/// ISO 4217 currency codes, as amounts carry them from schema v2 on. Amounts written before v2 carry none: they were
/// all in euros, so a missing currency is <see cref="Default"/>.
/// </summary>
public static partial class CurrencyCode
{
    public const string Default = "EUR";

    public const string Rule = "an ISO 4217 code: 3 capital letters, such as EUR or USD";

    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Pattern();
}
