using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EventFunctions.Infra.Tests.Bicep;
using EventFunctions.Infra.Tests.Templates;

namespace EventFunctions.Infra.Tests;

/// <summary>What docs/deploy.md (once the README's "Deploy to Azure") says of infra/ is what infra/ deploys.</summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(InfraDirectory.Path, "..", "docs", "deploy.md"));

    [Fact]
    public void The_parameter_table_lists_every_parameter_of_main_bicep()
    {
        var parameters = CompiledTemplate.Of("main.bicep")["parameters"]!.AsObject().Select(p => p.Key);

        var listed = ParameterRow().Matches(Readme).SelectMany(row => Regex.Matches(row.Groups[1].Value, "`([A-Za-z]+)`").Select(m => m.Groups[1].Value));

        Assert.Equal(parameters.Order(), listed.Order());
    }

    [Fact]
    public void The_storage_it_describes_has_the_templates_tables_and_the_table_role_on_the_account_as_granted()
    {
        var storage = Readme[Readme.IndexOf("- **Storage** (`storage.bicep`)", StringComparison.Ordinal)..];
        storage = Regex.Replace(storage[..storage.IndexOf("\n- **", 1, StringComparison.Ordinal)], @"\s+", " ");
        var tables = JsonNode.Parse(InfraDirectory.Read("pipeline.json"))!["tables"]!.AsArray().Select(t => (string)t!).ToList();
        var deployment = Deployments.For(Deployments.EventHubsSource);
        var account = PredictedDeployment.Id(deployment.Single("Microsoft.Storage/storageAccounts"));

        Assert.All(tables, table => Assert.Contains($"`{table}`", storage));
        Assert.Contains("Table Data Contributor on the account, not table by table", storage);
        Assert.Contains(deployment.OfType("Microsoft.Authorization/roleAssignments"), a =>
            PredictedDeployment.Id(a).StartsWith(account + "/providers/Microsoft.Authorization/", StringComparison.Ordinal)
            && ((string)a["properties"]!["roleDefinitionId"]!).EndsWith(Roles.StorageTableDataContributor, StringComparison.Ordinal));
    }

    /// <summary>A row of the parameter table: its first cell names one or more parameters in backticks.</summary>
    [GeneratedRegex(@"^\| ((?:`[A-Za-z]+`(?:, )?)+) \| [^|]+ \| [^|]+ \|$", RegexOptions.Multiline)]
    private static partial Regex ParameterRow();
}
