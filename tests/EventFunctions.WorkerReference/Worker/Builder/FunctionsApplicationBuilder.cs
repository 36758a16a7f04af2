// Mirrors Microsoft.Azure.Functions.Worker 2.52.0: src/DotNetWorker/Builder/FunctionsApplicationBuilder.cs (@ 146abd88)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// Upstream: public class FunctionsApplicationBuilder : IHostApplicationBuilder, IFunctionsWorkerApplicationBuilder.
// OMITTED here: the IFunctionsWorkerApplicationBuilder interface and its Use(Func<FunctionExecutionDelegate,
// FunctionExecutionDelegate>) method, because FunctionExecutionDelegate drags in FunctionContext and the types of
// its members (TraceContext, BindingContext, RetryContext, FunctionDefinition, IInvocationFeatures, ...).
// The internal HostBuilder property is omitted too. Everything kept has the upstream signature.
// Reference bodies throw NotSupportedException; no instance can be created (the constructor throws).
#nullable enable

using System;
using System.Collections.Generic;
using EventFunctions.WorkerReference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>
/// A builder for Azure Functions worker applications.
/// </summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    internal FunctionsApplicationBuilder(string[]? args)
    {
        throw ReferenceOnly.NotSupported();
    }

    /// <inheritdoc/>
    public IDictionary<object, object> Properties => throw ReferenceOnly.NotSupported();

    /// <inheritdoc/>
    IConfigurationManager IHostApplicationBuilder.Configuration => Configuration;

    /// <inheritdoc/>
    public ConfigurationManager Configuration => throw ReferenceOnly.NotSupported();

    /// <inheritdoc/>
    public IHostEnvironment Environment => throw ReferenceOnly.NotSupported();

    /// <inheritdoc/>
    public ILoggingBuilder Logging => throw ReferenceOnly.NotSupported();

    /// <inheritdoc/>
    public IMetricsBuilder Metrics => throw ReferenceOnly.NotSupported();

    /// <inheritdoc />
    public IServiceCollection Services => throw ReferenceOnly.NotSupported();

    /// <summary>
    /// Run the given actions to initialize the host. This can only be called once.
    /// </summary>
    /// <returns>An initialized <see cref="IHost"/>.</returns>
    public IHost Build() => throw ReferenceOnly.NotSupported();

    /// <inheritdoc/>
    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null) where TContainerBuilder : notnull
        => throw ReferenceOnly.NotSupported();
}
