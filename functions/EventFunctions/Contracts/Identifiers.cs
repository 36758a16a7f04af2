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

    /// <summary>Event ids (<c>ce_id</c>) become part of inbox row keys: the same characters, a little longer (the pipeline's are UUIDs).</summary>
    public const string EventIdRule = "1 to 128 characters: letters, digits, '.', '_', ':' or '-'";

    public static bool IsValidEventId(string? id) => id is not null && EventIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Pattern();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex EventIdPattern();
}
