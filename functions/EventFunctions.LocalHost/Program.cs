using EventFunctions.LocalHost;
using EventFunctions.LocalHost.Operations;
using EventFunctions.LocalHost.Startup;
using EventFunctions.Messaging;

// ./run.sh [run | infra | bench | dlq list|redrive | overdue | views … | help] [--setting value | --setting=value ...]
CommandLine command;
try
{
    command = CommandLine.Parse(args);
}
catch (UsageException e)
{
    return OneLineError.Of(e)!.Print();
}

try
{
    var settings = command.Settings.ToArray();
    switch (command.Command)
    {
        case "help":
            Console.WriteLine(CommandLine.Usage);
            return 0;
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
                Console.WriteLine($"Infrastructure only. For func start, set in local.settings.json: \"{KafkaConnection.BrokerListSetting}\": \"{pipeline.Kafka.BrokerList}\"");
                await pipeline.WaitForShutdownAsync();
            }
            return 0;
        case "bench":
            // A program of its own, which run.sh starts when bench is its first word (run.sh cannot tell an option's value from a command).
            Console.Error.WriteLine("run.sh: the benchmark is a program of its own: ./run.sh bench [options], bench first, or dotnet run --project functions/EventFunctions.Benchmark -c Release -- [options]");
            return 2;
        case "views":
            return await ViewsCommand.RunAsync(command.Words, settings);
        default:
            return await OperationsCommand.RunAsync(command.Command, [.. command.Words, .. settings]);
    }
}
catch (HttpRequestException e) when (command.Command is "dlq" or "overdue" or "views")
{
    // The verbs are clients of a running pipeline: say that none answers, not how the socket failed.
    Console.Error.WriteLine($"run.sh: no pipeline answers at {VerbOptions.Parse([.. command.Settings]).Api}: {e.Message.TrimEnd('.')}. Start one with ./run.sh, or point --api at one.");
    return 1;
}
catch (Exception e) when (OneLineError.Of(e) is { } error)
{
    return error.Print();
}
