using System.Text.RegularExpressions;

namespace EventFunctions.Contracts;

/// <summary>
/// Order, customer and sku ids become Table Storage keys, which forbid '/', '\', '#', '?' and control characters;
/// the pipeline accepts a safe, readable subset and rejects the rest at its edges.
/// </summary>
public static partial class Identifiers
{
    public const string Rule = "1 to 64 characters: letters, digits, '.', '_', ':' or '-'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Pattern();
}
