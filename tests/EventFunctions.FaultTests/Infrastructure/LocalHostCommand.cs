using System.Diagnostics;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>Runs a verb of the local host's command line (<c>dlq list</c>, <c>overdue</c>, ...) as <c>./run.sh</c> would, and returns what it printed.</summary>
public static class LocalHostCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.LocalHostAssembly },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
