using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace EventFunctions.Infra.Tests.Bicep;

/// <summary>A Bicep file of infra/ compiled to ARM JSON by <c>bicep build</c>, once per test run.</summary>
public static class CompiledTemplate
{
    private static readonly ConcurrentDictionary<string, Lazy<BicepRun>> Builds = new();

    /// <summary>The CLI's run: its exit code, the template on standard output, diagnostics on standard error.</summary>
    public static BicepRun Build(string file) =>
        Builds.GetOrAdd(file, f => new Lazy<BicepRun>(() => BicepCli.Run(InfraDirectory.Path, "build", f, "--stdout"))).Value;

    public static JsonNode Of(string file)
    {
        var build = Build(file);
        if (build.ExitCode != 0) throw new InvalidOperationException($"bicep build {file}: {build}");
        return JsonNode.Parse(build.Output)!;
    }
}
