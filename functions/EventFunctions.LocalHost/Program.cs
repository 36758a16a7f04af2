using EventFunctions.LocalHost;
using EventFunctions.LocalHost.Benchmark;

// dotnet run --project functions/EventFunctions.LocalHost [-- run | bench --orders N] [--Setting=value ...]
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
    case "bench":
        return await OrderBenchmark.RunAsync(settings);
    default:
        Console.Error.WriteLine($"Unknown command '{verb}'. Use 'run' (the default) or 'bench --orders N'.");
        return 2;
}
