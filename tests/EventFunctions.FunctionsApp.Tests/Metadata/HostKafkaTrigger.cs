namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// What the host's Kafka extension reads from a <c>kafkaTrigger</c> binding: Microsoft.Azure.WebJobs.Extensions.Kafka
/// 4.3.2, the version the worker extension 4.3.0 names (Azure/azure-functions-kafka-extension, tag 4.3.2 @ 1bf7d7fe:
/// src/Microsoft.Azure.WebJobs.Extensions.Kafka/Trigger/KafkaTriggerAttribute.cs and Config/*.cs). The host binds the
/// JSON to that attribute by property name, without regard to case, and parses enums by name.
/// </summary>
public static class HostKafkaTrigger
{
    /// <summary>The keys the Functions host itself reads from every binding.</summary>
    public static readonly string[] BindingKeys = ["name", "type", "direction", "cardinality", "dataType", "properties"];

    public static readonly string[] AttributeProperties =
    [
        "Topic", "BrokerList", "EventHubConnectionString", "ConsumerGroup", "AvroSchema", "KeyAvroSchema", "KeyDataType",
        "AuthenticationMode", "Username", "Password", "Protocol", "SslKeyLocation", "SslCaLocation", "SslCertificateLocation",
        "SslKeyPassword", "SslCertificatePEM", "SslKeyPEM", "SslCaPEM", "SslCertificateandKeyPEM", "LagThreshold",
        "SchemaRegistryUrl", "SchemaRegistryUsername", "SchemaRegistryPassword", "OAuthBearerMethod", "OAuthBearerClientId",
        "OAuthBearerClientSecret", "OAuthBearerScope", "OAuthBearerTokenEndpointUrl", "OAuthBearerExtensions",
    ];

    public static readonly string[] Protocols = ["NotSet", "Plaintext", "Ssl", "SaslPlaintext", "SaslSsl"];
    public static readonly string[] AuthenticationModes = ["NotSet", "Gssapi", "Plain", "ScramSha256", "ScramSha512", "OAuthBearer"];
    public static readonly string[] KeyDataTypes = ["Int", "Long", "String", "Binary"];

    /// <summary>
    /// The key bytes a <c>KafkaRecord</c> carries to the worker for a key data type, as the host makes them: its
    /// consumer deserializes the key as the attribute says (Binary: Confluent's ByteArray, String: its Utf8), and
    /// KafkaRecordProtobufSerializer encodes what it got (bytes as they are, a string as UTF-8).
    /// </summary>
    public static byte[]? KeyAsDelivered(byte[]? key, string? keyDataType) => keyDataType switch
    {
        "Binary" => key,
        null or "String" => key is null ? null : System.Text.Encoding.UTF8.GetBytes(
            Confluent.Kafka.Deserializers.Utf8.Deserialize(key, isNull: false, Confluent.Kafka.SerializationContext.Empty)),
        _ => throw new NotSupportedException($"The pipeline's keys are not {keyDataType}s."),
    };
}
