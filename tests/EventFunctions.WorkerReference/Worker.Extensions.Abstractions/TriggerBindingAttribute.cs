// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0: extensions/Worker.Extensions.Abstractions/TriggerBindingAttribute.cs (@ e4096d87; the src/ copy is not in the searchable index)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// The inherited [AttributeUsage(AttributeTargets.Parameter)] is what lets [KafkaTrigger]/[HttpTrigger] (which declare
// no AttributeUsage of their own) sit on parameters; the SDK generator recognises triggers as
// AttributeClass.BaseType.BaseType == BindingAttribute (sdk/Sdk.Generators/FunctionMetadataProviderGenerator/FunctionMetadataProviderGenerator.Parser.cs).

using System;

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    [AttributeUsage(AttributeTargets.Parameter)]
    public abstract class TriggerBindingAttribute : BindingAttribute
    {
        public TriggerBindingAttribute()
        {
        }
    }
}
