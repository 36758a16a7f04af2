// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0: extensions/Worker.Extensions.Abstractions/DefaultValueAttribute.cs (@ ea58fa3d; the src/ copy is not in the searchable index)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.
// This (not System.ComponentModel.DefaultValueAttribute) is the [DefaultValue(false)] on KafkaTriggerAttribute.IsBatched:
// the Kafka source imports only this namespace, and the SDK generator matches
// "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.DefaultValueAttribute" (sdk/Sdk.Generators/Constants.cs).
#nullable enable

using System;

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    [AttributeUsage(AttributeTargets.Property)]
    public class DefaultValueAttribute : Attribute
    {
        /// <summary>
        /// Define a default value for a property on a FunctionAttribute type.
        /// </summary>
        /// <param name="stringDefault"></param>
        public DefaultValueAttribute(string stringDefault)
        {
            DefaultStringValue = stringDefault;
        }

        public DefaultValueAttribute(bool boolDefault)
        {
            DefaultBoolValue = boolDefault;
        }

        public string? DefaultStringValue { get; }

        public bool? DefaultBoolValue { get; }
    }
}
