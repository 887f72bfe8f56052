using System.Net.Sockets;
using System.Text;

namespace MaoOcr.Appliance.Hosting;

/// <summary>
/// The sd_notify(3) protocol: one datagram of <c>KEY=value</c> lines to the Unix socket systemd names in
/// <c>$NOTIFY_SOCKET</c> for a <c>Type=notify</c> unit. Ours rather than Microsoft.Extensions.Hosting.Systemd's, because
/// that one reads only the environment (a process-wide setting tests cannot vary in parallel) and its lifetime sends
/// READY=1 at ApplicationStarted, before the models are warm; the protocol itself is a socket and a send.
/// </summary>
public sealed class SystemdNotifier
{
    private readonly UnixDomainSocketEndPoint? _endpoint;

    /// <param name="socketPath">
    /// The notification socket: a path, or an abstract-namespace name starting with '@' (as systemd writes it);
    /// null or empty when the appliance does not run under systemd, and then <see cref="Notify"/> does nothing.
    /// </param>
    public SystemdNotifier(string? socketPath)
    {
        if (!string.IsNullOrEmpty(socketPath))
        {
            // systemd writes an abstract name with a leading '@'; the kernel (and .NET's end point) wants a NUL there.
            _endpoint = new UnixDomainSocketEndPoint(socketPath[0] == '@' ? "\0" + socketPath[1..] : socketPath);
        }
    }

    /// <summary>Whether there is a socket to notify.</summary>
    public bool IsEnabled => _endpoint is not null;

    /// <summary>Sends one notification, such as <c>READY=1</c> or <c>STOPPING=1</c>; several lines go in one datagram.</summary>
    /// <exception cref="SocketException">The socket is gone or refuses the datagram.</exception>
    public void Notify(string state)
    {
        if (_endpoint is null)
        {
            return;
        }
        using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.SendTo(Encoding.UTF8.GetBytes(state), _endpoint);
    }
}
