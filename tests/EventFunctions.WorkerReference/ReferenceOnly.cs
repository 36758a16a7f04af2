// Not an upstream type: the internal helper of this compile-only reference (it adds no public API).
using System;

namespace EventFunctions.WorkerReference
{
    /// <summary>
    /// The failure every runtime entry point of the reference raises: nothing here can host a function.
    /// </summary>
    internal static class ReferenceOnly
    {
        internal const string Message =
            "EventFunctions was compiled against the compile-only worker reference (tests/EventFunctions.WorkerReference); " +
            "build with the real Azure Functions worker packages to run it.";

        internal static NotSupportedException NotSupported() => new NotSupportedException(Message);
    }
}
