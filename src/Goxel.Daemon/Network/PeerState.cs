using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Goxel.Daemon.Network;

/// <summary>
/// Whether the peer of a connection is gone entirely, as opposed to having only shut its
/// writing side (a client may send its last request, half-close, and still wait for the
/// answer). poll(2) reports POLLHUP only when both directions are down.
/// </summary>
internal static partial class PeerState
{
    private const short PollHangUp = 0x010;
    private const short PollError = 0x008;

    /// <summary>True when the peer has closed its end completely (or the socket failed).</summary>
    public static unsafe bool IsGone(Socket socket)
    {
        PollFd fd;
        try
        {
            fd = new PollFd { Fd = (int)socket.SafeHandle.DangerousGetHandle(), Events = 0 };
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
        return Poll(&fd, 1, 0) == 1 && (fd.Revents & (PollHangUp | PollError)) != 0;
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
