using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// An Azurite Table service of the suite's own, persisted on disk so that it can be stopped (a storage outage) and
/// started again with its data. Its account and key are made up for the run, so no well-known key is needed.
/// It stops with SIGINT, on which Azurite saves its database; a SIGKILL would lose recent writes, which is
/// Azurite's limit, not an outage the pipeline should survive.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string Account = "faults";

    private readonly string location = Directory.CreateTempSubdirectory("eventfunctions-azurite-").FullName;
    private readonly string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
    private Process? process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={key};TableEndpoint=http://127.0.0.1:{Port}/{Account};";

    public bool IsRunning => process is { HasExited: false };

    public async Task StartAsync()
    {
        if (!File.Exists(Repository.AzuriteTable))
            throw new InvalidOperationException($"{Repository.AzuriteTable} is missing: run the suite with ./test.sh, which installs the pinned Azurite.");
        var start = new ProcessStartInfo(Repository.AzuriteTable)
        {
            ArgumentList = { "--location", location, "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(), "--skipApiVersionCheck", "--disableTelemetry", "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AZURITE_ACCOUNTS"] = $"{Account}:{key}";
        process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(() => Task.FromResult(Listening()), TimeSpan.FromSeconds(30), $"Azurite listens on {Port}");
    }

    /// <summary>Stops Azurite as an outage would, after it has saved what it holds.</summary>
    public async Task StopAsync()
    {
        if (process is null || process.HasExited) return;
        Signals.Send(process, Signals.Interrupt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }

    private bool Listening()
    {
        if (process is { HasExited: true }) throw new InvalidOperationException($"Azurite exited with {process.ExitCode}.");
        using var socket = new TcpClient();
        try
        {
            socket.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
