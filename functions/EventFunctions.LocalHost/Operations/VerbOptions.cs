namespace EventFunctions.LocalHost.Operations;

/// <summary><c>--name value</c> or <c>--name=value</c>; <c>--group</c> and <c>--order</c> stand for the API's names.</summary>
internal sealed record VerbOptions(Dictionary<string, string?> Values)
{
    private static readonly HashSet<string> Switches = ["dry-run", "again", "from-remaining", "no-wait"];

    private static readonly Dictionary<string, string> Names = new() { ["group"] = "consumerGroup", ["order"] = "orderId" };

    public string Api => Value("api") ?? "http://127.0.0.1:7071/api";

    public string? Key => Value("key");

    /// <summary>A client of the running pipeline's API, with the Function App's admin key when given.</summary>
    public HttpClient ApiClient()
    {
        var http = new HttpClient { BaseAddress = new Uri(Api.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) };
        if (Key is { } key) http.DefaultRequestHeaders.Add("x-functions-key", key);
        return http;
    }

    public string? Value(string name) => Values.GetValueOrDefault(name);

    public bool Has(string name) => Values.ContainsKey(name);

    public string Query(params string[] names)
    {
        var pairs = names.Where(n => Value(n) is not null).Select(n => $"{n}={Uri.EscapeDataString(Value(n)!)}").ToList();
        return pairs.Count == 0 ? "" : "?" + string.Join("&", pairs);
    }

    public static VerbOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string?>();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var (name, value) = args[i][2..].Split('=', 2) is [var n, var v] ? (n, v) : (args[i][2..], null);
            if (value is null && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && !Switches.Contains(name))
                value = args[++i];
            values[Names.GetValueOrDefault(name, name)] = value;
        }
        return new VerbOptions(values);
    }
}
