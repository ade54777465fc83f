using System.Net.Sockets;
using System.Text;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// sd_notify(3) for a <c>Type=notify</c> unit: "READY=1" once the sockets accept and
/// "STOPPING=1" when a signal stops the daemon, sent as one datagram each to the Unix socket
/// systemd names in NOTIFY_SOCKET (a leading '@' is the abstract namespace). Without
/// NOTIFY_SOCKET nothing is sent, as with libsystemd's own sd_notify.
/// </summary>
internal sealed class SystemdNotify
{
    private readonly string _socket;

    private SystemdNotify(string socket) => _socket = socket;

    /// <summary>The notifier systemd asked for through <paramref name="notifySocket"/>, or null when it did not.</summary>
    public static SystemdNotify? From(string? notifySocket) =>
        string.IsNullOrEmpty(notifySocket) ? null : new SystemdNotify(notifySocket[0] == '@' ? "\0" + notifySocket[1..] : notifySocket);

    /// <summary>The daemon accepts connections.</summary>
    public void Ready() => Send("READY=1");

    /// <summary>The daemon is stopping.</summary>
    public void Stopping() => Send("STOPPING=1");

    private void Send(string state)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.ASCII.GetBytes(state), new UnixDomainSocketEndPoint(_socket));
        }
        catch (SocketException)
        {
            // The service manager went away; the daemon runs on without it, as sd_notify's callers do.
        }
    }
}
