using System.Diagnostics;
using System.Runtime.Versioning;

namespace EventFunctions.IntegrationTests.Scripts;

/// <summary>
/// ./test.sh, the README's test command, on a machine that lacks what the tests drive (Chromium, kcat) and the means
/// to install it: it stops before anything else, in one line saying why. (The suite runs as root, as CI does.)
/// </summary>
// A bash script, a PATH of symbolic links and Unix file modes: these tests are for Linux and the Unixes, as test.sh is.
[UnsupportedOSPlatform("windows")]
public sealed class TestScriptTests : IDisposable
{
    /// <summary>A PATH holding only what test.sh needs before its set-up: no apt-get, no sudo, no kcat.</summary>
    private readonly string bare = Directory.CreateTempSubdirectory("eventfunctions-path-").FullName;

    public TestScriptTests()
    {
        // Temporary folders are the creator's alone; the other user must reach these tools too.
        File.SetUnixFileMode(bare, File.GetUnixFileMode(bare) | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        foreach (var tool in new[] { "dirname", "id" })
            File.CreateSymbolicLink(Path.Combine(bare, tool), Which(tool));
    }

    public void Dispose() => Directory.Delete(bare, recursive: true);

    [Fact]
    public async Task As_root_without_apt_get_it_says_so_in_one_line_before_anything_starts()
    {
        var (exitCode, output, errors) = await RunTestScriptAsync(asUser: null);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output.Trim());
        Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("The tests need chromium kcat, which test.sh installs with apt-get, and this machine has no apt-get", errors);
    }

    [Fact]
    public async Task As_another_user_without_sudo_it_says_so_in_one_line_before_anything_starts()
    {
        var (exitCode, output, errors) = await RunTestScriptAsync(asUser: 65534);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output.Trim());
        Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("The tests need chromium kcat, which test.sh installs with apt-get as root or through sudo", errors);
        Assert.Contains("is not root and there is no sudo: run ./test.sh as root, or install them first", errors);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunTestScriptAsync(int? asUser)
    {
        var start = new ProcessStartInfo(asUser is null ? "/bin/bash" : "/usr/bin/setpriv")
        {
            WorkingDirectory = RepositoryDirectory.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asUser is { } uid)
            foreach (var arg in new[] { $"--reuid={uid}", $"--regid={uid}", "--clear-groups", "/bin/bash" }) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(Path.Combine(RepositoryDirectory.Root, "test.sh"));
        start.Environment["PATH"] = bare;
        // Never this machine's Chromium: the set-up must find it missing, whatever is installed here.
        start.Environment["CHROMIUM_PATH"] = "/nonexistent/chromium";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await errors);
    }

    private static string Which(string tool) =>
        new[] { "/usr/bin", "/bin" }.Select(dir => Path.Combine(dir, tool)).First(File.Exists);
}
