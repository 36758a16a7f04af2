using EventFunctions.Hosting;

namespace EventFunctions.LocalHost.Startup;

/// <summary>
/// A failure that run.sh's programs (the local host, the benchmark) report in one line and an exit code rather than a
/// stack trace: a command line or a setting they cannot take (2), a service unreachable at start (1).
/// </summary>
public sealed record OneLineError(string Message, int ExitCode)
{
    public static OneLineError? Of(Exception exception) => exception switch
    {
        UsageException => new($"{exception.Message} (./run.sh --help lists what it takes)", 2),
        InvalidSettingException => new(exception.Message, 2),
        StartupFailure => new(exception.Message, 1),
        _ => null,
    };

    public int Print()
    {
        Console.Error.WriteLine($"run.sh: {Message}");
        return ExitCode;
    }
}
