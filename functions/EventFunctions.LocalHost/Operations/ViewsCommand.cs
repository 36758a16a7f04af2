using System.Text.Json.Nodes;
using EventFunctions.ReadSide.Rebuild;

namespace EventFunctions.LocalHost.Operations;

/// <summary>
/// <c>./run.sh views …</c>: the read models' verbs, a thin client of the running pipeline's API like the dlq verbs.
/// <c>rebuild</c> follows the build, printing its progress, until the readers have switched to it.
/// </summary>
public static class ViewsCommand
{
    public static readonly IReadOnlyList<string> Verbs = ["list", "status", "rebuild", "rollback", "cancel", "drop-previous"];

    public const string DefaultModel = "orders";

    private static readonly TimeSpan FollowEvery = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(IReadOnlyList<string> words, string[] args)
    {
        var options = VerbOptions.Parse(args);
        using var http = options.ApiClient();
        var verb = words.FirstOrDefault() ?? "list";
        var model = words.ElementAtOrDefault(1) ?? DefaultModel;
        var route = ViewsApi.Routes.View.Replace("{name}", Uri.EscapeDataString(model));

        var response = verb switch
        {
            "list" => await http.GetAsync(ViewsApi.Routes.Views),
            "status" => await http.GetAsync(route),
            "rebuild" => await http.PostAsync(ViewsApi.Routes.Rebuild.Replace("{name}", Uri.EscapeDataString(model)) + (options.Has("from-remaining") ? "?fromRemaining=true" : ""), null),
            _ => await http.PostAsync($"{route}/{verb}", null),
        };
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}: {(JsonNode.Parse(body)?["detail"] ?? body)}");
            return 1;
        }
        var answer = JsonNode.Parse(body)!;
        if (verb == "list")
        {
            foreach (var view in answer["views"]!.AsArray()) Print(view!);
            return 0;
        }
        Print(answer);
        if (verb != "rebuild" || options.Has("no-wait")) return 0;

        var building = answer["building"]!.GetValue<int>();
        Console.WriteLine($"following the build of version {building} (Ctrl+C stops following, not the build); it switches once caught up, " +
            $"and no earlier than {answer["switchesNoEarlierThan"]}, when every instance's live projection writes it too");
        var last = "";
        while (true)
        {
            await Task.Delay(FollowEvery);
            var status = JsonNode.Parse(await http.GetStringAsync(route))!;
            if (status["building"]?.GetValue<int>() == building)
            {
                // Only what changed: a build that has caught up waits quietly for its switch.
                if (status["progress"] is { } progress && ProgressWithoutTime(progress) is var now && now != last)
                {
                    PrintProgress(progress);
                    last = now;
                }
                continue;
            }
            if (status["active"]?.GetValue<int>() == building)
            {
                Console.WriteLine($"switched: the {model} read model serves version {building}");
                Print(status);
                return 0;
            }
            Console.Error.WriteLine($"the build of version {building} ended without a switch (cancelled?)");
            Print(status);
            return 1;
        }
    }

    private static void Print(JsonNode view)
    {
        var tables = view["tables"]!.AsObject().Select(t => $"{t.Key} {t.Value}");
        Console.WriteLine($"{view["name"]}: active {view["active"]?.ToString() ?? "none"}, previous {view["previous"]?.ToString() ?? "none"}, " +
            $"building {view["building"]?.ToString() ?? "none"}{(view["buildingSince"] is { } since ? $" since {since}" : "")}" +
            $"{(view["buildingFromRemaining"]?.GetValue<bool>() == true ? " (from what remains of the log)" : "")}\n  tables: {string.Join(", ", tables)}");
        PrintProgress(view["progress"]);
    }

    /// <summary>The progress without when it was measured, so that an unchanged one prints once.</summary>
    private static string ProgressWithoutTime(JsonNode progress)
    {
        var copy = progress.DeepClone().AsObject();
        copy.Remove("measuredAt");
        return copy.ToJsonString();
    }

    private static void PrintProgress(JsonNode? progress)
    {
        if (progress is null) return;
        Console.WriteLine($"  {progress["recordsProjected"]} of {progress["recordsToProject"]} records projected" +
            $"{(progress["ordersProjected"] is { } orders ? $", {orders} orders" : "")}{(progress["caughtUp"]!.GetValue<bool>() ? ", caught up" : "")}");
        foreach (var partition in progress["partitions"]!.AsArray().Where(p => p!["remaining"]!.GetValue<long>() > 0))
            Console.WriteLine($"    {partition!["topic"]}[{partition["partition"]}] at {partition["reached"]} of {partition["end"]}");
    }
}
