using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Goxel.Daemon.Network;

/// <summary>What poll(2) says about the far end of a connection.</summary>
internal enum Peer
{
    /// <summary>Nothing closed.</summary>
    Open,

    /// <summary>
    /// The peer sent its end of stream (POLLRDHUP). On a Unix socket that is a half-close (a
    /// full close shows as <see cref="Gone"/>); over TCP a half-close and a full close look the
    /// same until a byte is written to it (a closed peer answers it with a reset).
    /// </summary>
    Finished,

    /// <summary>Both directions are down (POLLHUP), or the socket failed (POLLERR: a reset, a keepalive timeout).</summary>
    Gone,
}

/// <summary>
/// The state of a connection's peer, read with poll(2) without waiting. A client may send its
/// last request, half-close, and still wait for the answer, so only <see cref="Peer.Gone"/>
/// means nobody is listening.
/// </summary>
internal static partial class PeerState
{
    private const short PollError = 0x008;
    private const short PollHangUp = 0x010;
    private const short PollReadHangUp = 0x2000;

    /// <summary>Where the peer of <paramref name="socket"/> is now.</summary>
    public static unsafe Peer Of(Socket socket)
    {
        PollFd fd;
        try
        {
            fd = new PollFd { Fd = (int)socket.SafeHandle.DangerousGetHandle(), Events = PollReadHangUp };
        }
        catch (ObjectDisposedException)
        {
            return Peer.Gone;
        }
        if (Poll(&fd, 1, 0) != 1) return Peer.Open;
        if ((fd.Revents & (PollHangUp | PollError)) != 0) return Peer.Gone;
        return (fd.Revents & PollReadHangUp) != 0 ? Peer.Finished : Peer.Open;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", EntryPoint = "poll")]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);
}
