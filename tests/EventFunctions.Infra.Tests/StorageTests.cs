using EventFunctions.Infra.Tests.Templates;
using EventFunctions.Storage;

namespace EventFunctions.Infra.Tests;

/// <summary>The storage account holds every table the pipeline uses and takes no account key.</summary>
public sealed class StorageTests
{
    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Every_table_the_pipeline_uses_is_created_in_the_account_the_app_reaches(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var account = PredictedDeployment.Name(deployment.Single("Microsoft.Storage/storageAccounts"));
        var prefix = app.Settings[TableStorage.PrefixSetting];
        var declared = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(PredictedDeployment.Name).ToList();

        Assert.All(TableStorage.All, table => Assert.Contains($"{account}/default/{prefix}{table}", declared));
        Assert.Equal($"https://{account}.table.core.windows.net/", app.Settings["AzureWebJobsStorage__tableServiceUri"]);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_account_refuses_shared_keys_and_public_blobs(string kafkaSource)
    {
        var properties = Deployments.For(kafkaSource).Single("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_host_and_the_deployment_package_use_the_identity_not_a_key(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var account = PredictedDeployment.Name(deployment.Single("Microsoft.Storage/storageAccounts"));
        var package = app.FunctionAppConfig["deployment"]!["storage"]!;
        var container = PredictedDeployment.ShortName(deployment.Single("Microsoft.Storage/storageAccounts/blobServices/containers"));

        Assert.Equal($"https://{account}.blob.core.windows.net/{container}", deployment.Evaluate(package["value"]));
        Assert.Equal("UserAssignedIdentity", (string?)package["authentication"]!["type"]);
        Assert.Equal(app.IdentityId, (string?)package["authentication"]!["userAssignedIdentityResourceId"]);
        Assert.Equal($"https://{account}.blob.core.windows.net/", app.Settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal("managedidentity", app.Settings["AzureWebJobsStorage__credential"]);
        Assert.DoesNotContain(app.Settings, s => s.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }
}
