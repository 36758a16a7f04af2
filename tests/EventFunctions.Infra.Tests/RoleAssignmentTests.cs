using System.Text.Json.Nodes;
using EventFunctions.Infra.Tests.Templates;

namespace EventFunctions.Infra.Tests;

/// <summary>Every role the deployment grants goes to the Function App's identity, each on the narrowest scope that works.</summary>
public sealed class RoleAssignmentTests
{
    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Every_role_assignment_targets_the_apps_identity(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var assignments = deployment.OfType("Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, a =>
        {
            Assert.Equal(AzureModel.PrincipalIdOf(app.IdentityName), deployment.Evaluate(a["properties"]!["principalId"]));
            Assert.Equal("ServicePrincipal", (string?)a["properties"]!["principalType"]);
        });
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_app_gets_exactly_the_grants_it_needs_each_on_its_own_scope(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var account = PredictedDeployment.Id(deployment.Single("Microsoft.Storage/storageAccounts"));
        // Tables on the account, not table by table: rebuilding a read model creates the table of its new version.
        var expected = new[] { (account, Roles.StorageBlobDataOwner), (account, Roles.StorageTableDataContributor) }
            .Concat(deployment.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => (PredictedDeployment.Id(s), Roles.KeyVaultSecretsUser)))
            .Append((PredictedDeployment.Id(deployment.Single("Microsoft.Insights/components")), Roles.MonitoringMetricsPublisher))
            .Order()
            .ToList();

        var granted = deployment.OfType("Microsoft.Authorization/roleAssignments").Select(Grant).Order().ToList();

        Assert.Equal(expected, granted);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_vault_is_authorized_by_RBAC_alone(string kafkaSource)
    {
        var properties = Deployments.For(kafkaSource).Single("Microsoft.KeyVault/vaults")["properties"]!;

        Assert.True((bool)properties["enableRbacAuthorization"]!);
        Assert.Null(properties["accessPolicies"]);
    }

    /// <summary>(scope, role) of an assignment: its id is "&lt;scope&gt;/providers/Microsoft.Authorization/roleAssignments/&lt;guid&gt;".</summary>
    private static (string Scope, string Role) Grant(JsonObject assignment)
    {
        var id = PredictedDeployment.Id(assignment);
        var scope = id[..id.LastIndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)];
        var role = ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];
        return (scope, role);
    }
}
