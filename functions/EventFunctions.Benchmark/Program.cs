using EventFunctions.Benchmark;
using EventFunctions.Hosting;
using EventFunctions.LocalHost;
using EventFunctions.LocalHost.Startup;

// ./run.sh bench [--orders N | --rate R --duration S | --ramp ...] [--setting value ...]: run.sh hands the whole command
// line here, `bench` first; the word may be left out when this project is run directly. It is read by the local host's
// own CommandLine, so an option is refused here in the same words as there.
CommandLine command;
try
{
    command = CommandLine.Parse(args is ["bench", ..] ? args : ["bench", .. args]);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"run.sh: {e.Message} (./run.sh --help lists what it takes)");
    return 2;
}

if (command.WantsHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

try
{
    return await OrderBenchmark.RunAsync(command.Settings.ToArray());
}
catch (InvalidSettingException e)
{
    Console.Error.WriteLine($"run.sh: {e.Message}");
    return 2;
}
catch (StartupFailure e)
{
    Console.Error.WriteLine($"run.sh: {e.Message}");
    return 1;
}
