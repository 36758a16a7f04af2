namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>Paths in the repository the suite runs from: the pinned Azurite that test.sh installs, the local host to start as a process.</summary>
public static class Repository
{
    public static string Root => RepositoryDirectory.Root;

    public static string AzuriteTable => Path.Combine(Root, "node_modules", ".bin", "azurite-table");

    /// <summary>The local host, built beside this suite (a project reference copies it, with its runtime config).</summary>
    public static string LocalHostAssembly => Path.Combine(AppContext.BaseDirectory, "EventFunctions.LocalHost.dll");

    /// <summary>FAULT_SUITE=long runs the scenarios at full size; CI runs them short.</summary>
    public static bool LongRun => Environment.GetEnvironmentVariable("FAULT_SUITE") == "long";
}
