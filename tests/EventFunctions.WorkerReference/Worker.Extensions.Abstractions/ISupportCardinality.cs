// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Abstractions 1.3.0: extensions/Worker.Extensions.Abstractions/ISupportCardinality.cs (2 stored revisions, @ 8d0d9a17 and a later one, same API; the src/ copy is not in the searchable index)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

namespace Microsoft.Azure.Functions.Worker.Extensions.Abstractions
{
    public interface ISupportCardinality
    {
        /// <summary>
        /// Configures trigger to process events in batches or one at a time.
        /// This translates to values for the "cardinality" property in WebJobs terms.
        ///    true => "Many"
        ///    false => "One"
        ///
        /// To default to a particular true or false, add the "DefaultValue" attribute to the method.
        /// </summary>
        public Cardinality Cardinality { get; set; }
    }

    public enum Cardinality
    {
        Many,
        One
    }
}
