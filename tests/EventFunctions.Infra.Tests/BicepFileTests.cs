using System.Text.Json.Nodes;
using EventFunctions.Infra.Tests.Bicep;

namespace EventFunctions.Infra.Tests;

/// <summary>Every Bicep file compiles with the Bicep CLI and passes its linter (with infra/bicepconfig.json) without a single warning.</summary>
public sealed class BicepFileTests
{
    public static TheoryData<string> BicepFiles => [.. InfraDirectory.BicepFiles];

    [Fact]
    public void Infra_holds_main_and_its_modules()
    {
        Assert.Contains("main.bicep", InfraDirectory.BicepFiles);
        Assert.True(InfraDirectory.BicepFiles.Count(f => f.StartsWith("modules", StringComparison.Ordinal)) >= 6, string.Join(", ", InfraDirectory.BicepFiles));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Compiles_without_a_diagnostic(string file)
    {
        var build = CompiledTemplate.Build(file);

        Assert.True(build.ExitCode == 0, $"bicep build {file}: {build}");
        Assert.Empty(build.Diagnostics);
        Assert.Equal("2.0", (string?)CompiledTemplate.Of(file)["languageVersion"]);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    [InlineData("main.bicepparam")]
    public void Lints_without_a_warning(string file)
    {
        var lint = BicepCli.Run(InfraDirectory.Path, "lint", file);

        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Count == 0, $"bicep lint {file}: {lint}");
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Describes_every_parameter(string file)
    {
        var parameters = CompiledTemplate.Of(file)["parameters"]?.AsObject() ?? [];

        Assert.All(parameters, p => Assert.False(
            string.IsNullOrWhiteSpace((string?)p.Value!["metadata"]?["description"]), $"{file}: parameter '{p.Key}' has no @description"));
    }

    [Fact]
    public void The_linter_runs_with_the_repository_rules()
    {
        var config = JsonNode.Parse(InfraDirectory.Read("bicepconfig.json"))!["analyzers"]!["core"]!;
        var rules = config["rules"]!.AsObject();

        Assert.True((bool)config["enabled"]!);
        Assert.All(rules, r => Assert.NotEqual("off", (string?)r.Value!["level"]));
        Assert.Contains("outputs-should-not-contain-secrets", rules.Select(r => r.Key));
        Assert.Contains("use-secure-value-for-secure-inputs", rules.Select(r => r.Key));
    }
}
