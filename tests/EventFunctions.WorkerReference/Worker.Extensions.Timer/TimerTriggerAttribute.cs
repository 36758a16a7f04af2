// Mirrors Microsoft.Azure.Functions.Worker.Extensions.Timer 4.3.1: extensions/Worker.Extensions.Timer/src/TimerTriggerAttribute.cs (@ 04207419)
// Copyright (c) .NET Foundation. All rights reserved. Licensed under the MIT License.

using System;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker
{
    /// <summary>
    /// Attribute used to mark a function that should be invoked periodically based on
    /// a timer schedule.
    /// </summary>
    [BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
    public sealed class TimerTriggerAttribute : TriggerBindingAttribute
    {
        /// <summary>
        /// Constructs a new instance based on the schedule expression passed in.
        /// </summary>
        /// <param name="schedule">A schedule expression: a 6 field crontab expression or a <see cref="TimeSpan"/> string.</param>
        public TimerTriggerAttribute(string schedule)
        {
            Schedule = schedule;
            UseMonitor = true;
        }

        /// <summary>
        /// Gets the schedule expression.
        /// </summary>
        public string Schedule { get; private set; }

        /// <summary>
        /// Gets or sets a value indicating whether the schedule should be monitored.
        /// </summary>
        public bool UseMonitor { get; set; }

        /// <summary>
        /// Gets or sets a value indicating whether the function should be invoked
        /// immediately on startup.
        /// </summary>
        public bool RunOnStartup { get; set; }
    }
}
