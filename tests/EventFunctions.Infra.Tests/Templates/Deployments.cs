namespace EventFunctions.Infra.Tests.Templates;

/// <summary>The two ways infra/main.bicepparam deploys, each predicted once per test run.</summary>
public static class Deployments
{
    public const string EventHubsSource = "eventHubs";
    public const string ExistingClusterSource = "existingCluster";

    /// <summary>What a user exports before <c>deploy.sh --kafka existingCluster</c>: markers, so tests can follow them.</summary>
    public static IReadOnlyDictionary<string, string> ExistingClusterConnection { get; } = new Dictionary<string, string>
    {
        ["KAFKA_BOOTSTRAP_SERVERS"] = "pkc-marker.westeurope.azure.confluent.cloud:9092",
        ["KAFKA_SASL_USERNAME"] = "API-KEY-MARKER-7Q2",
        ["KAFKA_SASL_PASSWORD"] = "api-secret-marker-9Xz",
    };

    private static readonly Lazy<PredictedDeployment> EventHubs = new(() => PredictedDeployment.Of(new Dictionary<string, string>()));

    private static readonly Lazy<PredictedDeployment> ExistingCluster = new(() => PredictedDeployment.Of(
        new Dictionary<string, string>(ExistingClusterConnection) { ["EVENTFUNCTIONS_KAFKA"] = ExistingClusterSource }));

    /// <summary>Both Kafka sources, for theories.</summary>
    public static TheoryData<string> Sources => [EventHubsSource, ExistingClusterSource];

    public static PredictedDeployment For(string kafkaSource) => kafkaSource switch
    {
        EventHubsSource => EventHubs.Value,
        ExistingClusterSource => ExistingCluster.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kafkaSource), kafkaSource, null),
    };

    /// <summary>The secrets each deployment is given or makes: none of them may show outside Key Vault.</summary>
    public static IReadOnlyList<string> SecretsOf(string kafkaSource) => kafkaSource == EventHubsSource
        ? [AzureModel.EventHubsKey]
        : [.. ExistingClusterConnection.Values];
}
