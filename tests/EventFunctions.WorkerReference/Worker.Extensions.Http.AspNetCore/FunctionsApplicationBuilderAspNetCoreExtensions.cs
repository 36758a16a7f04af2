// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Http.AspNetCore 2.1.1: extensions/Worker.Extensions.Http.AspNetCore/src/FunctionsApplicationBuilderAspNetCoreExtensions.cs
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Only the parameterless overload is declared. A stored later revision (@ 2aa0b8fa) also has overloads taking
// Action<IFunctionsWorkerApplicationBuilder> / Action<HostBuilderContext, IFunctionsWorkerApplicationBuilder>;
// they are omitted because IFunctionsWorkerApplicationBuilder is not part of this reference.
// Reference body throws NotSupportedException (upstream: builder.HostBuilder.ConfigureFunctionsWebApplication()).
#nullable enable

using EventFunctions.WorkerReference;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// ASP.NET Core extensions for <see cref="FunctionsApplicationBuilder"/>.
/// </summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>
    /// Configures the worker to use the ASP.NET Core integration, enabling advanced HTTP features.
    /// </summary>
    /// <param name="builder">The <see cref="FunctionsApplicationBuilder"/> to configure.</param>
    /// <returns>The <see cref="FunctionsApplicationBuilder"/> for chaining.</returns>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder)
        => throw ReferenceOnly.NotSupported();
}
