using EventFunctions.Benchmark;
using EventFunctions.LocalHost;
using EventFunctions.LocalHost.Startup;

// ./run.sh bench [--orders N | --rate R --duration S | --ramp ...] [--setting value ...]: run.sh hands the whole command
// line here, `bench` first; the word may be left out when this project is run directly. It is read by the local host's
// own CommandLine, so an option is refused here in the same words as there.
try
{
    var command = CommandLine.Parse(args is ["bench", ..] ? args : ["bench", .. args]);
    if (command.WantsHelp)
    {
        Console.WriteLine(CommandLine.Usage);
        return 0;
    }
    return await OrderBenchmark.RunAsync(command.Settings.ToArray());
}
catch (Exception e) when (OneLineError.Of(e) is { } error)
{
    return error.Print();
}
