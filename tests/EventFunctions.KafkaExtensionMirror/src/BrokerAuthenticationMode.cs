// Mirrored verbatim from Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0 (7097a85e): extensions/Worker.Extensions.Kafka/src/BrokerAuthenticationMode.cs
// Copyright (c) .NET Foundation. All rights reserved.
// Licensed under the MIT License. See License.txt in the project root for license information.

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
