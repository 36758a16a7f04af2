using EventFunctions.LocalHost;
using EventFunctions.LocalHost.Benchmark;
using EventFunctions.LocalHost.Operations;

// dotnet run --project functions/EventFunctions.LocalHost [-- run | infra | bench --orders N | dlq list|redrive | overdue] [--Setting=value ...]
var verb = args.FirstOrDefault(a => !a.StartsWith('-')) ?? "run";
var settings = args.Where(a => a != verb).ToArray();

switch (verb)
{
    case "run":
        await using (var pipeline = await LocalPipeline.StartAsync(settings, new LocalPipelineOptions()))
        {
            await pipeline.WaitForShutdownAsync();
        }
        return 0;
    case "infra":
        // Kafka and the tables only, for `func start` to run the functions and serve the API on 7071.
        await using (var pipeline = await LocalPipeline.StartAsync(settings, new LocalPipelineOptions { RunFunctions = false, Urls = "http://127.0.0.1:0" }))
        {
            Console.WriteLine($"Infrastructure only. For func start, set in local.settings.json: \"{EventFunctions.Messaging.KafkaConnection.BrokerListSetting}\": \"{pipeline.Kafka.BrokerList}\"");
            await pipeline.WaitForShutdownAsync();
        }
        return 0;
    case "bench":
        return await OrderBenchmark.RunAsync(settings);
    case "dlq" or "overdue":
        return await OperationsCommand.RunAsync(verb, settings);
    default:
        Console.Error.WriteLine($"Unknown command '{verb}'. Use 'run' (the default), 'infra', 'bench --orders N', or:\n{OperationsCommand.Usage}");
        return 2;
}
