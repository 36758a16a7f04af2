// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Timer 4.3.1: extensions/Worker.Extensions.Timer/ScheduleStatus.cs (@ 597f49fe)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

using System;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Represents a timer schedule status.
    /// </summary>
    public class ScheduleStatus
    {
        /// <summary>
        /// Gets or sets the last recorded schedule occurrence.
        /// </summary>
        public DateTime Last { get; set; }

        /// <summary>
        /// Gets or sets the expected next schedule occurrence.
        /// </summary>
        public DateTime Next { get; set; }

        /// <summary>
        /// Gets or sets the last time this record was updated. This is used to re-calculate Next
        /// with the current Schedule after a host restart.
        /// </summary>
        public DateTime LastUpdated { get; set; }
    }
}
