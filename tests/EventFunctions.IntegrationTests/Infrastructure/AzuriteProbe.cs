using System.Net.Sockets;

namespace EventFunctions.IntegrationTests.Infrastructure;

public static class AzuriteProbe
{
    /// <summary>Fails fast, saying what to do, when no Table Storage listens where UseDevelopmentStorage=true points.</summary>
    public static async Task EnsureReachableAsync()
    {
        if (Environment.GetEnvironmentVariable("AzureWebJobsStorage") is { Length: > 0 }) return;
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", 10002).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("No Table Storage on 127.0.0.1:10002. Run the tests with ./test.sh, which starts Azurite.", e);
        }
    }
}
