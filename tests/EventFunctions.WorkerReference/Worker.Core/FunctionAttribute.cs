// Mirrors Microsoft.Azure.Functions.Worker.Core 2.52.0: extensions/Worker.Extensions.Abstractions/FunctionAttribute.cs @ a51456c6 (the type's original source; its Worker.Core file is not in the searchable index)
// Upstream moved this type into Worker.Core under namespace Microsoft.Azure.Functions.Worker, the full name the
// SDK generators and the runtime look for ("Microsoft.Azure.Functions.Worker.FunctionAttribute": sdk/Sdk.Generators/Constants.cs,
// src/DotNetWorker.Core/Invocation/DefaultMethodInfoLocator.cs). Kept from the source read: ctor(string name),
// get-only Name, [AttributeUsage(AttributeTargets.Method)], not sealed.
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

using System;

namespace Microsoft.Azure.Functions.Worker
{
    [AttributeUsage(AttributeTargets.Method)]
    public class FunctionAttribute : Attribute
    {
        public FunctionAttribute(string name)
        {
            Name = name;
        }

        public string Name { get; }
    }
}
