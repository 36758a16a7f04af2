using System.Runtime.InteropServices;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>POSIX signals to child processes: SIGINT and SIGTERM ask them to stop, SIGKILL is a crash.</summary>
internal static partial class Signals
{
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    public static void Send(System.Diagnostics.Process process, int signal)
    {
        if (SendSignal(process.Id, signal) != 0 && !process.HasExited)
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
