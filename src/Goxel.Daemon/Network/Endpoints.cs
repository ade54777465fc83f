using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Goxel.Formats;

namespace Goxel.Daemon.Network;

/// <summary>A listening endpoint could not be opened; the message says why.</summary>
public sealed class EndpointException(string message) : Exception(message);

/// <summary>Opens the daemon's listening sockets safely.</summary>
public static partial class Endpoints
{
    // Room for a burst of a thousand clients connecting at once while the acceptor starts their threads.
    private const int Backlog = 1024;

    /// <summary>
    /// Binds a Unix socket readable and writable by the owner only (mode 0600 from the start:
    /// the umask is tightened around bind, so there is no window with looser rights). A stale
    /// socket with no listener is replaced; a live one, a file that is not a socket, and a folder
    /// every user may write to without the sticky bit (where anyone could swap the socket) are errors.
    /// </summary>
    public static UnixSocketFile ListenUnix(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? "/";
        var folderStatus = FileStatus.OfTarget(folder);
        if (folderStatus.Kind == FileKind.Directory && (folderStatus.Mode & FileStatus.OtherWrite) != 0 && (folderStatus.Mode & FileStatus.StickyBit) == 0)
            throw new EndpointException($"refusing socket folder {folder}: every user may write to it and it has no sticky bit, so anyone could replace the socket; use a private folder");
        switch (FileStatus.Of(full).Kind)
        {
            case FileKind.Missing:
                break;
            case FileKind.Directory:
                throw new EndpointException($"socket path {full} is a directory");
            case FileKind.Socket:
                if (IsLive(full)) throw new EndpointException($"another daemon is already listening on {full}");
                File.Delete(full);
                break;
            default:
                throw new EndpointException($"socket path {full} exists and is not a socket; refusing to replace it");
        }
        // Bound under a private name and renamed into place: .NET unlinks the path a socket was
        // bound to when it is disposed, whatever file is there by then, and the daemon must
        // remove only its own socket (UnixSocketFile.Remove checks that).
        var binding = $"{full}.{Environment.ProcessId}.binding";
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var previous = Umask(0b000_111_111);
        try
        {
            socket.Bind(new UnixDomainSocketEndPoint(binding));
            File.SetUnixFileMode(binding, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(binding, full, overwrite: false);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            socket.Dispose();
            throw new EndpointException($"cannot bind {full}: {ex.Message}");
        }
        finally
        {
            Umask(previous);
        }
        var created = FileStatus.Of(full);
        socket.Listen(Backlog);
        return new UnixSocketFile(socket, full, created);
    }

    /// <summary>Binds "host:port"; a host other than loopback needs <paramref name="allowRemote"/>. Errors name the setting as <paramref name="setting"/>.</summary>
    public static Socket ListenTcp(string hostPort, bool allowRemote, string setting = "--tcp")
    {
        var endpoint = Resolve(hostPort, allowRemote, setting);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new EndpointException($"cannot listen on {endpoint}: {ex.Message}");
        }
    }

    /// <summary>
    /// The address and port of "host:port" (an IP address or localhost); a host other than
    /// loopback needs <paramref name="allowRemote"/>. <paramref name="flag"/> names the setting in messages.
    /// </summary>
    private static IPEndPoint Resolve(string hostPort, bool allowRemote, string flag)
    {
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !ushort.TryParse(hostPort.AsSpan(colon + 1), out var port))
            throw new EndpointException($"{flag} wants HOST:PORT, got \"{hostPort}\"");
        var host = hostPort[..colon].Trim('[', ']');
        IPAddress address;
        if (host == "localhost") address = IPAddress.Loopback;
        else if (!IPAddress.TryParse(host, out address!)) throw new EndpointException($"{flag} host must be an IP address or localhost, got \"{host}\"");
        if (!IPAddress.IsLoopback(address) && !allowRemote)
            throw new EndpointException($"refusing to listen on non-loopback {address}: pass --allow-remote to expose the daemon to the network");
        return new IPEndPoint(address, port);
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
