using System.Net;
using System.Net.Sockets;

namespace EventFunctions.FaultTests.Infrastructure;

internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
