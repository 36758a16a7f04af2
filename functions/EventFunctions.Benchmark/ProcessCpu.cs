using System.Diagnostics;

namespace EventFunctions.Benchmark;

/// <summary>
/// CPU time used so far by this process and by a local Azurite, as the kernel accounts it (<c>/proc/[pid]/stat</c>,
/// which <see cref="Process.TotalProcessorTime"/> reads on Linux). Azurite is found by its command line.
/// </summary>
internal static class ProcessCpu
{
    public static TimeSpan Host()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// The CPU time of this process's live librdkafka threads (named <c>rdk:…</c>): the embedded cluster's brokers
    /// (<c>rdk:mock</c>) and the clients' threads. A thread that has ended (a stopped consumer's) is no longer counted.
    /// </summary>
    public static (TimeSpan EmbeddedBrokers, TimeSpan KafkaClients) KafkaThreads()
    {
        long brokers = 0, clients = 0;
        if (!Directory.Exists("/proc/self/task")) return default;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                if (!name.StartsWith("rdk:", StringComparison.Ordinal)) continue;
                var ticks = TicksOf(File.ReadAllText(Path.Combine(task, "stat")));
                if (name.StartsWith("rdk:mock", StringComparison.Ordinal)) brokers += ticks;
                else clients += ticks;
            }
            catch (IOException)
            {
                // Ended meanwhile.
            }
        }
        return (FromTicks(brokers), FromTicks(clients));
    }

    /// <summary>utime + stime: fields 14 and 15, counted after the parenthesised name (which may hold spaces).</summary>
    private static long TicksOf(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11]) + long.Parse(fields[12]);
    }

    // USER_HZ: 100 on every Linux the runtime supports.
    private static TimeSpan FromTicks(long ticks) => TimeSpan.FromMilliseconds(ticks * 10);

    /// <summary>Every local Azurite process's CPU time together; null when none runs here (remote storage, or not Linux).</summary>
    public static TimeSpan? Azurite()
    {
        if (!Directory.Exists("/proc")) return null;
        TimeSpan? total = null;
        foreach (var pid in AzuritePids())
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                total = (total ?? TimeSpan.Zero) + process.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
        return total;
    }

    private static IEnumerable<int> AzuritePids()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // Arguments are separated by NULs: the interpreter, then the script.
            if (commandLine.Split('\0').Take(2).Any(a => a.Contains("azurite", StringComparison.OrdinalIgnoreCase))) yield return pid;
        }
    }
}
