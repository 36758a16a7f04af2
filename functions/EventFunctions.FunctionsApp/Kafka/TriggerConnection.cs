using Confluent.Kafka;
using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Kafka;

/// <summary>
/// What every Kafka trigger says about its connection. The settings are the ones the pipeline's own producer reads
/// (<see cref="KafkaConnection"/>), so one set serves the triggers and the producer. The security protocol is the
/// exception: the extension takes it as an enum fixed at build time, never from a setting (upstream issues
/// Azure/azure-functions-kafka-extension#348 and #465), so the build property <c>KafkaTriggerProtocol</c> chooses it,
/// and <see cref="EnsureMatches"/> stops the app when the <c>KafkaSecurityProtocol</c> setting says otherwise.
/// </summary>
public static class TriggerConnection
{
    public const string BrokerList = KafkaConnection.BrokerListSetting;
    public const string Username = KafkaConnection.SaslUsernameSetting;
    public const string Password = KafkaConnection.SaslPasswordSetting;

#if KAFKA_TRIGGER_SASL_SSL
    /// <summary>Confluent Cloud and the Kafka endpoint of Azure Event Hubs: SASL over TLS with the PLAIN mechanism.</summary>
    public const BrokerProtocol Protocol = BrokerProtocol.SaslSsl;
    public const BrokerAuthenticationMode AuthenticationMode = BrokerAuthenticationMode.Plain;
#else
    /// <summary>A plaintext cluster (the embedded one, a local broker): librdkafka's default; the extension then ignores the credentials.</summary>
    public const BrokerProtocol Protocol = BrokerProtocol.NotSet;
    public const BrokerAuthenticationMode AuthenticationMode = BrokerAuthenticationMode.NotSet;
#endif

    /// <summary>The protocol the triggers were built for, as the producer names it.</summary>
    public static SecurityProtocol BuiltFor => Protocol == BrokerProtocol.SaslSsl ? SecurityProtocol.SaslSsl : SecurityProtocol.Plaintext;

    /// <summary>Fails fast, saying how to fix it, when the producer would speak another protocol than the triggers.</summary>
    public static void EnsureMatches(KafkaConnection connection)
    {
        var mechanismMatches = BuiltFor != SecurityProtocol.SaslSsl || connection.SaslMechanism is null or SaslMechanism.Plain;
        if (connection.SecurityProtocol == BuiltFor && mechanismMatches) return;
        throw new InvalidOperationException(
            $"The Kafka triggers were built for {BuiltFor}, but {KafkaConnection.SecurityProtocolSetting} is {connection.SecurityProtocol}" +
            $"{(mechanismMatches ? "" : $" with {KafkaConnection.SaslMechanismSetting} {connection.SaslMechanism}")}. " +
            $"The extension fixes the triggers' protocol at build time: build with -p:KafkaTriggerProtocol={(connection.SecurityProtocol == SecurityProtocol.SaslSsl ? "SaslSsl" : "Plaintext")} " +
            $"(SaslSsl means SASL_SSL with PLAIN, as Confluent Cloud and Event Hubs use), or change the setting.");
    }
}
