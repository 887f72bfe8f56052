namespace MaoOcr.Appliance.Testing;

/// <summary>Loopback addresses for tests that need a server that is not there.</summary>
public static class Loopback
{
    /// <summary>A free loopback port with nothing listening on it.</summary>
    public static int UnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
