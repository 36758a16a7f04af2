using System.Diagnostics;
using System.Reflection;

namespace EventFunctions.Infra.Tests.Bicep;

/// <summary>The Bicep CLI of the Azure.Bicep.CommandLine.linux-x64 package, run as a process.</summary>
public static class BicepCli
{
    private static readonly Lazy<string> Executable = new(Locate);

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/>; <paramref name="environment"/> replaces the variables a .bicepparam file reads.</summary>
    public static BicepRun Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // What main.bicepparam reads comes from the test, never from the machine running it.
        foreach (var name in start.Environment.Keys.Where(IsDeploymentSetting).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }
        return new BicepRun(process.ExitCode, output.Result, errors.Result);
    }

    public static BicepRun Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    private static bool IsDeploymentSetting(string name) =>
        name.StartsWith("EVENTFUNCTIONS_", StringComparison.Ordinal) || name.StartsWith("KAFKA_", StringComparison.Ordinal);

    private static string Locate()
    {
        var configured = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value
            ?? throw new InvalidOperationException("The build did not record BicepPath: is Azure.Bicep.CommandLine.linux-x64 restored?");
        // The package's props join the path with a backslash.
        var path = Path.GetFullPath(configured.Replace('\\', '/'));
        if (!File.Exists(path)) throw new FileNotFoundException("The Bicep CLI is not where its package says.", path);
        if (OperatingSystem.IsWindows() || !OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("These tests run the linux-x64 Bicep CLI (Azure.Bicep.CommandLine.linux-x64).");
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute)) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        return path;
    }
}

/// <summary>What one run of the CLI printed. Diagnostics (errors, warnings, linter findings) go to standard error.</summary>
public sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    public IReadOnlyList<string> Diagnostics =>
        Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}\n{Errors}";
}
