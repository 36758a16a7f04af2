using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace EventFunctions.Http;

/// <summary>The query of <c>GET /api/orders/{orderId}</c>: what to wait for, and how long.</summary>
public sealed record OrderQuery(int? AfterVersion, bool UntilComplete, TimeSpan Wait)
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
        var afterVersion = Integer(query, "afterVersion", errors);
        var waitSeconds = Integer(query, "waitSeconds", errors);
        var waitFor = query["waitFor"].LastOrDefault();
        if (waitFor is not (null or FinalStatus))
            errors["waitFor"] = [$"waitFor can only be '{FinalStatus}'."];
        if (errors.Count > 0) return (null, errors);

        var wait = waitSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 0, (int)MaxWait.TotalSeconds)) : DefaultWait;
        return (new OrderQuery(afterVersion, waitFor == FinalStatus, wait), errors);
    }

    private static int? Integer(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (query[name].LastOrDefault() is not { } text) return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return value;
        errors[name] = [$"{name} must be a whole number."];
        return null;
    }
}
