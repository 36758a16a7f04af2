using System.Diagnostics;
using System.Text;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// A local host as a process of its own, as a second machine would run it: it can crash (SIGKILL) or be stopped
/// (SIGTERM), which an in-process host cannot. Its output is kept for the test's log.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public static async Task<HostProcess> StartAsync(string name, IEnumerable<string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Repository.LocalHostAssembly, "run", $"--urls={baseAddress.ToString().TrimEnd('/')}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        var host = new HostProcess(name, Process.Start(start)!, baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.TrueAsync(async () =>
        {
            if (host.HasExited) throw new InvalidOperationException($"{name} exited: {host.Output}");
            try
            {
                return (await http.GetAsync("api/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(90), $"{name} holds partitions for every function");
        return host;
    }

    /// <summary>A crash: no shutdown, no final commit.</summary>
    public async Task KillAsync()
    {
        Signals.Send(process, Signals.Kill);
        await process.WaitForExitAsync();
    }

    /// <summary>A graceful stop, as a deployment or a scale-in would ask for.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) return;
        Signals.Send(process, Signals.Terminate);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }
}
