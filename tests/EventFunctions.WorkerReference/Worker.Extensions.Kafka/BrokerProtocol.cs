// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Kafka 4.3.3: extensions/Worker.Extensions.Kafka/src/BrokerProtocol.cs (@ 4b78a06f)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Values: NotSet = -1, Plaintext = 0, Ssl = 1, SaslPlaintext = 2, SaslSsl = 3 (0.. match Confluent.Kafka.SecurityProtocol).

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Defines the broker protocols
    /// </summary>
    public enum BrokerProtocol
    {
        // Force that 0 starts like the one from librdkafka
        NotSet = -1,
        Plaintext,
        Ssl,
        SaslPlaintext,
        SaslSsl
    }
}
