using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The query of <c>GET /api/orders/{orderId}</c>: what to wait for, and how long; and with <c>placement</c>, whose view
/// (the Location of a 202 whose claim was deferred).
/// </summary>
public sealed record OrderQuery(int? AfterVersion, bool UntilComplete, TimeSpan Wait, string? Placement = null)
{
    /// <summary>The <c>waitFor</c> value that waits for a final status.</summary>
    public const string FinalStatus = "final";

    /// <summary>How long a GET may wait for a change at most.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    public bool Waits => AfterVersion is not null || UntilComplete;

    /// <summary>Reads the query, or says which parameter is at fault, keyed by its name.</summary>
    public static (OrderQuery? Query, Dictionary<string, string[]> Errors) Read(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        var afterVersion = Integer(query, "afterVersion", 0, int.MaxValue, errors);
        var waitSeconds = Integer(query, "waitSeconds", 0, (int)MaxWait.TotalSeconds, errors);
        var waitFor = query["waitFor"].LastOrDefault();
        if (waitFor is not (null or FinalStatus))
            errors["waitFor"] = [$"waitFor can only be '{FinalStatus}'."];
        var placement = query["placement"].LastOrDefault();
        if (placement is not null && !Guid.TryParseExact(placement, "D", out _))
            errors["placement"] = ["placement must be the placementId a 202 answered with."];
        if (errors.Count > 0) return (null, errors);

        var wait = waitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultWait;
        return (new OrderQuery(afterVersion, waitFor == FinalStatus, wait, placement), errors);
    }

    private static int? Integer(IQueryCollection query, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (query[name].LastOrDefault() is not { } text) return null;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [max == int.MaxValue ? $"{name} must be a whole number, {min} or more." : $"{name} must be a whole number from {min} to {max}."];
        return null;
    }
}
