using System.Globalization;

namespace EventFunctions.Benchmark;

/// <summary>The benchmark's own options (<c>--name value</c> or <c>--name=value</c>); every other argument is a setting for the pipeline.</summary>
internal sealed class BenchmarkArgs(string[] args)
{
    private readonly HashSet<string> valued = [];
    private readonly HashSet<string> flags = [];

    public string String(string name, string fallback)
    {
        valued.Add(name);
        var i = Array.FindIndex(args, a => a == name || a.StartsWith(name + "=", StringComparison.Ordinal));
        if (i < 0) return fallback;
        return (args[i].Contains('=') ? args[i].Split('=', 2)[1] : args.ElementAtOrDefault(i + 1)) ?? fallback;
    }

    public int Int(string name, int fallback) =>
        int.TryParse(String(name, ""), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public double Double(string name, double fallback) =>
        double.TryParse(String(name, ""), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    public bool Flag(string name)
    {
        flags.Add(name);
        return args.Contains(name);
    }

    /// <summary>The arguments that are not the benchmark's own options or their values: read every option first.</summary>
    public string[] PipelineSettings() =>
        args.Where((a, i) => !IsOwn(a) && (i == 0 || !valued.Contains(args[i - 1]))).ToArray();

    private bool IsOwn(string arg) =>
        flags.Contains(arg) || valued.Contains(arg) || valued.Any(name => arg.StartsWith(name + "=", StringComparison.Ordinal));
}
