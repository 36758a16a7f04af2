using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// The rest of what the Worker.Sdk wrote for the host: how to start the worker, which host extensions the app needs,
/// and, where the feed serves the host's Kafka extension, the extensions the host loads.
/// </summary>
[Trait("Category", "Metadata")]
public sealed class WorkerFilesTests
{
    [Fact]
    public void The_worker_config_starts_the_app_with_dotnet_and_lets_the_host_index_it_through_the_worker()
    {
        var description = JsonNode.Parse(File.ReadAllText(BuildOutput.WorkerConfigPath))!["description"]!;

        Assert.Equal("dotnet-isolated", (string)description["language"]!);
        Assert.Equal("dotnet", (string)description["defaultExecutablePath"]!);
        Assert.Equal(typeof(FunctionsAppServices).Assembly.GetName().Name + ".dll", (string)description["defaultWorkerPath"]!);
        Assert.Equal("true", (string)description["workerIndexing"]!);
    }

    [Fact]
    public void The_Kafka_worker_extension_names_the_host_extension_4_3_2()
    {
        var extension = Assert.Single(BuildOutput.KafkaWorkerExtension.GetCustomAttributes<ExtensionInformationAttribute>());

        Assert.Equal(("Microsoft.Azure.WebJobs.Extensions.Kafka", "4.3.2"), (extension.ExtensionPackage, extension.ExtensionVersion));
        Assert.Equal(new Version(4, 3, 0, 0), BuildOutput.KafkaWorkerExtension.GetName().Version);
    }

    [Fact]
    public void The_Kafka_worker_extension_exports_the_public_types_of_its_4_3_0_release_and_no_others()
    {
        string[] released =
        [
            "BrokerAuthenticationMode", "BrokerProtocol", "KafkaHeader", "KafkaMessageKeyType", "KafkaOutputAttribute",
            "KafkaRecord", "KafkaTimestamp", "KafkaTimestampType", "KafkaTriggerAttribute", "OAuthBearerMethod",
        ];

        Assert.Equal(
            released.Select(name => "Microsoft.Azure.Functions.Worker." + name),
            BuildOutput.KafkaWorkerExtension.GetExportedTypes().Select(t => t.FullName).Order());
    }

    [Fact]
    public void The_inner_WorkerExtensions_project_restores_the_host_extension_the_Kafka_worker_extension_names()
    {
        var project = XDocument.Load(BuildOutput.WorkerExtensionsProjectPath);
        var packages = project.Descendants("PackageReference").ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        Assert.Equal("4.3.2", packages["Microsoft.Azure.WebJobs.Extensions.Kafka"]);
        Assert.True(packages.ContainsKey("Microsoft.NET.Sdk.Functions"), "The inner project builds with Microsoft.NET.Sdk.Functions.");
        Assert.Equal("net8.0", project.Descendants("TargetFramework").Single().Value);
    }

    [Fact]
    public void The_host_loads_the_Kafka_extension_where_the_build_could_restore_it_and_a_mirror_build_ships_no_extensions_list()
    {
        if (BuildOutput.KafkaWorkerExtensionIsMirror)
        {
            // The inner project is generated, not restored (build/KafkaExtensionMirror.targets): nothing claims otherwise.
            Assert.False(File.Exists(BuildOutput.ExtensionsJsonPath), "A mirror build must not ship an extensions.json it could not make.");
            return;
        }

        var extensions = JsonNode.Parse(File.ReadAllText(BuildOutput.ExtensionsJsonPath))!["extensions"]!.AsArray();
        var kafka = Assert.Single(extensions, e => ((string)e!["typeName"]!).StartsWith("Microsoft.Azure.WebJobs.Extensions.Kafka.KafkaWebJobsStartup,", StringComparison.Ordinal))!;
        var hintPath = (string)kafka["hintPath"]!;
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, hintPath)), $"{hintPath} is not in the build output.");
        Assert.StartsWith("./.azurefunctions/", hintPath);
    }
}
