// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0: extensions/Worker.Extensions.Abstractions/src/KnownBindingCapabilities.cs (@ a4c54957)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    /// <summary>
    /// Class containing constant values representing known binding capabilities.
    /// </summary>
    public static class KnownBindingCapabilities
    {
        /// <summary>
        /// Signals that a binding has function level retry support.
        /// </summary>
        public const string FunctionLevelRetry = "FunctionLevelRetry";
    }
}
