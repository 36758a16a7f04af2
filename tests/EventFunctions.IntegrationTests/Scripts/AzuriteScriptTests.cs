using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EventFunctions.IntegrationTests.Scripts;

/// <summary>
/// scripts/azurite.sh, which run.sh and test.sh source, against real Azurites on ports of the tests' own: it reuses
/// only an Azurite that serves, and a run that stops leaves the port free.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AzuriteScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly int port = FreePort();
    private Process? held;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (held is { HasExited: false }) held.Kill();
        held?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_serving_Azurite_is_reused()
    {
        await HoldPortWithAzuriteAsync();

        var run = await StartScript().WaitForExitAsync(Patience);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Table Storage: reusing Azurite on 127.0.0.1:{port}", run.Output);
    }

    [Fact]
    public async Task An_Azurite_that_accepts_but_no_longer_serves_is_waited_out_and_replaced_and_the_replacement_stops_with_the_run()
    {
        // An Azurite frozen with SIGSTOP: its port accepts connections, as a closing Azurite's still does for a moment,
        // but it answers nothing.
        await HoldPortWithAzuriteAsync();
        Signal("STOP", held!.Id);

        var script = StartScript();
        await script.WaitForLineAsync("does not answer as Azurite; waiting for it to close", Patience);
        held.Kill();
        var run = await script.WaitForExitAsync(Patience);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("reusing", run.Output);
        Assert.Contains($"Table Storage: Azurite (in memory) on 127.0.0.1:{port}", run.Output);
        // The run has ended, and with it its Azurite, gone by the time the script returned rather than still closing.
        Assert.False(PortOpen(), "the script's Azurite still listens after the script ended");
    }

    [Fact]
    public async Task A_port_held_by_something_that_never_serves_stops_the_run_in_one_line()
    {
        await HoldPortWithAzuriteAsync();
        Signal("STOP", held!.Id);

        var run = await StartScript().WaitForExitAsync(Patience);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Errors.Trim().Split('\n'));
        Assert.Contains($"127.0.0.1:{port} is held by something that does not answer as Azurite's Table service; stop it", run.Errors);
    }

    private async Task HoldPortWithAzuriteAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(RepositoryDirectory.Root, "node_modules", ".bin", "azurite-table"))
        {
            WorkingDirectory = RepositoryDirectory.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "--inMemoryPersistence", "--tableHost", "127.0.0.1", "--tablePort", $"{port}", "--silent", "--disableTelemetry" })
            start.ArgumentList.Add(arg);
        held = Process.Start(start)!;
        await Eventually.TrueAsync(PortOpen, Patience, $"Azurite listens on {port}");
    }

    private ScriptRun StartScript()
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryDirectory.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        // As run.sh and test.sh source it: under set -e, where a failing status in the script's exit trap ends the run.
        start.ArgumentList.Add("set -euo pipefail; source scripts/azurite.sh; start_azurite");
        start.Environment["AZURITE_TABLE_PORT"] = $"{port}";
        return new ScriptRun(Process.Start(start)!);
    }

    private bool PortOpen()
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", $"-{signal} {pid}");
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var free = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return free;
    }

    /// <summary>The script as it runs: its lines as they come, and how it ended.</summary>
    private sealed class ScriptRun
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> output = new();
        private readonly ConcurrentQueue<string> errors = new();

        public ScriptRun(Process process)
        {
            this.process = process;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task WaitForLineAsync(string text, TimeSpan timeout) =>
            Eventually.TrueAsync(() => output.Any(line => line.Contains(text, StringComparison.Ordinal)), timeout, $"the script says '{text}'");

        public async Task<(int ExitCode, string Output, string Errors)> WaitForExitAsync(TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"scripts/azurite.sh did not finish within {timeout}:\n{string.Join('\n', output)}\n{string.Join('\n', errors)}");
            }
            using (process)
                return (process.ExitCode, string.Join('\n', output), string.Join('\n', errors));
        }
    }
}
