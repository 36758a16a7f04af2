using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// What the real Worker.Sdk wrote when it built the app: the files copied beside the tests, the inner
/// WorkerExtensions project it left in the app's obj folder, and which build this was.
/// </summary>
public static class BuildOutput
{
    public static string FunctionsMetadataPath => Beside("functions.metadata");
    public static string WorkerConfigPath => Beside("worker.config.json");
    public static string ExtensionsJsonPath => Beside("extensions.json");
    public static string ExtensionsFolder => Beside(".azurefunctions");

    public static string WorkerExtensionsProjectPath =>
        Path.Combine(BuildProperty("FunctionsAppIntermediateOutputPath"), "WorkerExtensions", "WorkerExtensions.csproj");

    /// <summary>The build property that chose the triggers' security protocol: Plaintext or SaslSsl.</summary>
    public static string KafkaTriggerProtocol => BuildProperty("KafkaTriggerProtocol");

    /// <summary>The assembly the app's Kafka types come from: the package's, or the mirror's, which says so.</summary>
    public static Assembly KafkaWorkerExtension => typeof(KafkaRecord).Assembly;

    public static bool KafkaWorkerExtensionIsMirror =>
        KafkaWorkerExtension.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == "EventFunctions.KafkaExtensionMirror");

    private static string Beside(string name) => Path.Combine(AppContext.BaseDirectory, name);

    private static string BuildProperty(string key) =>
        typeof(BuildOutput).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"The test project's build did not record {key}.");
}
