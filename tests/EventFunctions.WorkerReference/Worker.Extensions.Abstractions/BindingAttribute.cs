// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0: extensions/Worker.Extensions.Abstractions/src/BindingAttribute.cs (@ 0731f01f)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

using System;

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    [AttributeUsage(AttributeTargets.Method)]
    public abstract class BindingAttribute : Attribute
    {
        public BindingAttribute()
        {
        }
    }
}
