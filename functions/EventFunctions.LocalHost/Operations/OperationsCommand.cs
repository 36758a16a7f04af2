using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Operations;

namespace EventFunctions.LocalHost.Operations;

/// <summary>
/// The operators' verbs, a thin client of the running pipeline's operations API (the local host's, or a Function
/// App's with <c>--key</c>): <c>dlq list</c>, <c>dlq redrive</c> and <c>overdue</c>. They print what the API answers.
/// </summary>
public static class OperationsCommand
{
    public const string Usage = """
        dlq list    [--topic T] [--group G] [--order ID] [--reason TEXT] [--limit N]   list dead letters
        dlq redrive [--topic T] [--group G] [--order ID] [--reason TEXT] [--dry-run] [--again]
                                                                        put them back for the group that failed them
        overdue                                                         list orders past their deadline
          all take [--api URL] (default http://127.0.0.1:7071/api) and [--key KEY] (a Function App's admin key)
        """;

    public static async Task<int> RunAsync(string verb, string[] args)
    {
        var options = VerbOptions.Parse(args);
        using var http = options.ApiClient();

        HttpResponseMessage response;
        switch (verb, args.FirstOrDefault(a => !a.StartsWith('-')))
        {
            case ("dlq", "list"):
                response = await http.GetAsync(OperationsApi.Routes.DeadLetters + options.Query("topic", "consumerGroup", "orderId", "reason", "limit"));
                break;
            case ("dlq", "redrive"):
                response = await http.PostAsJsonAsync(OperationsApi.Routes.RedriveDeadLetters, new RedriveRequest(
                    options.Value("topic"), options.Value("consumerGroup"), options.Value("orderId"), options.Value("reason"), options.Has("dry-run"), options.Has("again")));
                break;
            case ("overdue", _):
                response = await http.GetAsync(OperationsApi.Routes.OverdueOrders);
                break;
            default:
                Console.Error.WriteLine($"Unknown operations command. Use:\n{Usage}");
                return 2;
        }

        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}");
            return 1;
        }
        Print(verb, JsonNode.Parse(body)!);
        return 0;
    }

    private static void Print(string verb, JsonNode answer)
    {
        if (verb == "overdue")
        {
            Console.WriteLine($"{answer["count"]} orders overdue (deadline {answer["deadline"]})");
            foreach (var order in answer["orders"]!.AsArray())
                Console.WriteLine($"  {order!["orderId"],-24} {order["status"],-10} waiting on {order["stuckAt"],-20} placed {order["placedAt"]}  {order["reason"]}");
            return;
        }
        if (answer["deadLetters"] is JsonArray letters)
        {
            Console.WriteLine($"{answer["count"]} dead letters");
            foreach (var letter in letters)
                Console.WriteLine($"  {letter!["coordinates"],-28} {letter["consumerGroup"],-18} order {letter["orderId"],-24} redrives {letter["redriveCount"]}" +
                    $"{(letter["redriven"] is { } mark ? $" (put back {mark["at"]})" : "")}\n      {letter["reason"]}");
            return;
        }
        Console.WriteLine($"{(answer["dryRun"]!.GetValue<bool>() ? "dry run: " : "")}{answer["redriven"]} redriven, {answer["wouldRedrive"]} would be, {answer["skipped"]} skipped");
        foreach (var letter in answer["letters"]!.AsArray())
            Console.WriteLine($"  {letter!["coordinates"],-28} order {letter["orderId"],-24} {letter["outcome"]}: {letter["detail"]}");
    }
}
