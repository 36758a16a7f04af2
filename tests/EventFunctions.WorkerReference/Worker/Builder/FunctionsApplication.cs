// Mirrors Microsoft.Azure.Functions.Worker 2.52.0: src/DotNetWorker/Builder/FunctionsApplication.cs (@ 65c6ad17)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Reference body: CreateBuilder throws NotSupportedException (upstream: => new(args)).

using EventFunctions.WorkerReference;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
///  The application used to configure an Azure Functions worker.
/// </summary>
public class FunctionsApplication
{
    /// <summary>
    /// Initializes a new instance of the <see cref="FunctionsApplicationBuilder"/> class with preconfigured defaults.
    /// </summary>
    /// <param name="args">The command line arguments.</param>
    /// <returns>The <see cref="FunctionsApplicationBuilder"/>.</returns>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw ReferenceOnly.NotSupported();
}
