// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Kafka 4.3.3: extensions/Worker.Extensions.Kafka/src/BrokerAuthenticationMode.cs (@ 29f0a2d0)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Values: NotSet = -1, Gssapi = 0, Plain = 1, ScramSha256 = 2, ScramSha512 = 3, OAuthBearer = 4 (0.. match Confluent.Kafka.SaslMechanism).

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Defines the broker authentication modes
    /// </summary>
    public enum BrokerAuthenticationMode
    {
        // Force that 0 starts like the one from librdkafka
        NotSet = -1,
        Gssapi,
        Plain,
        ScramSha256,
        ScramSha512,
        OAuthBearer
    }
}
