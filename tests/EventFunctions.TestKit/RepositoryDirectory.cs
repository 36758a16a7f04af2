namespace EventFunctions.TestKit;

/// <summary>The repository the suite runs from: the folder that holds EventFunctions.sln, above the test's output.</summary>
public static class RepositoryDirectory
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EventFunctions.sln"))) return dir.FullName;
        throw new InvalidOperationException("The suite runs from inside the repository (EventFunctions.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
