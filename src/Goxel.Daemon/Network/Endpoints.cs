using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Goxel.Daemon.Network;

/// <summary>A listening endpoint could not be opened; the message says why.</summary>
public sealed class EndpointException(string message) : Exception(message);

/// <summary>Opens the daemon's listening sockets safely.</summary>
public static partial class Endpoints
{
    private const int Backlog = 128;

    /// <summary>
    /// Binds a Unix socket readable and writable by the owner only (mode 0600 from the start:
    /// the umask is tightened around bind, so there is no window with looser rights). A stale
    /// socket file with no listener is replaced; a live one is an error.
    /// </summary>
    public static Socket ListenUnix(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new EndpointException($"socket path {full} is a directory");
        if (File.Exists(full))
        {
            if (IsLive(full)) throw new EndpointException($"another daemon is already listening on {full}");
            File.Delete(full);
        }
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var previous = Umask(0b000_111_111);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(full));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new EndpointException($"cannot bind {full}: {ex.Message}");
        }
        finally
        {
            Umask(previous);
        }
        File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        socket.Listen(Backlog);
        return socket;
    }

    /// <summary>Binds "host:port"; a host other than loopback needs <paramref name="allowRemote"/>.</summary>
    public static Socket ListenTcp(string hostPort, bool allowRemote)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(hostPort.AsSpan(colon + 1), out var port))
            throw new EndpointException($"--tcp wants HOST:PORT, got \"{hostPort}\"");
        var host = hostPort[..colon].Trim('[', ']');
        IPAddress address;
        if (host == "localhost") address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!)) throw new EndpointException($"--tcp host must be an IP address or localhost, got \"{host}\"");
        if (!IPAddress.IsLoopback(address) && !allowRemote)
            throw new EndpointException($"refusing to listen on non-loopback {address}: pass --allow-remote to expose the daemon to the network");
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new EndpointException($"cannot listen on {address}:{port}: {ex.Message}");
        }
    }

    /// <summary>Deletes the socket file at shutdown, if it is still there.</summary>
    public static void RemoveSocketFile(string path)
    {
        try
        {
            File.Delete(Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing left to clean up.
        }
    }

    private static bool IsLive(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
