using System.Text.Json.Nodes;

namespace EventFunctions.Infra.Tests.Bicep;

/// <summary>What a .bicepparam file passes to its template: <c>bicep build-params</c>, read back.</summary>
public static class BuiltParameters
{
    /// <summary>Each parameter's value, as <paramref name="file"/> in <paramref name="folder"/> sets it under <paramref name="environment"/>.</summary>
    public static IReadOnlyDictionary<string, string> Of(string folder, IReadOnlyDictionary<string, string> environment, string file = "main.bicepparam")
    {
        var build = BicepCli.Run(folder, environment, "build-params", file, "--stdout");
        if (build.ExitCode != 0) throw new InvalidOperationException($"bicep build-params failed: {build}");
        var parameters = JsonNode.Parse((string)JsonNode.Parse(build.Output)!["parametersJson"]!)!["parameters"]!.AsObject();
        return parameters.ToDictionary(p => p.Key, p => p.Value!["value"]!.ToString());
    }
}
