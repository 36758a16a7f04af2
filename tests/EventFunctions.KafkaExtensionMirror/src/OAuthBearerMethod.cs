// Mirrored verbatim from Azure/azure-functions-dotnet-worker, tag kafka-extension-4.3.0 (7097a85e): extensions/Worker.Extensions.Kafka/src/OAuthBearerMethod.cs
// Copyright (c) .NET Foundation. All rights reserved.
// Licensed under the MIT License. See License.txt in the project root for license information.

using System;
using System.Collections.Generic;
using System.Text;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Defines the OAuth bearer method
    /// </summary>
    public enum OAuthBearerMethod
    {
        Default,
        Oidc
    }
}
