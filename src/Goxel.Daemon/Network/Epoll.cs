using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Goxel.Daemon.Network;

/// <summary>
/// epoll(7), as an event loop uses it: each connection's socket is registered one-shot, so after
/// it reports readable it stays quiet until whoever serves it now arms it again.
/// </summary>
internal static unsafe partial class Epoll
{
    private const uint Readable = 0x001;
    private const uint PeerClosed = 0x2000;
    private const uint OneShot = 1u << 30;
    private const int Add = 1;
    private const int Delete = 2;
    private const int Modify = 3;
    private const int Interrupted = 4;

    // struct epoll_event { uint32_t events; uint64_t data; } is packed on x86-64 (12 bytes)
    // and naturally aligned elsewhere (16).
    private static readonly int Stride = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = Stride == 12 ? 4 : 8;

    /// <summary>A new epoll instance (closed on exec).</summary>
    public static int Create()
    {
        const int CloseOnExec = 0x80000;
        var fd = CreateNative(CloseOnExec);
        return fd >= 0 ? fd : throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1 failed");
    }

    /// <summary>Registers <paramref name="fd"/>, to report <paramref name="key"/> once when readable or closed.</summary>
    public static void Watch(int epoll, int fd, long key) => Control(epoll, Add, fd, key);

    /// <summary>Arms <paramref name="fd"/> again after it reported.</summary>
    public static void Rearm(int epoll, int fd, long key) => Control(epoll, Modify, fd, key);

    /// <summary>Stops watching <paramref name="fd"/> (it is served by another loop from now on).</summary>
    public static void Unwatch(int epoll, int fd) => Control(epoll, Delete, fd, 0);

    /// <summary>Waits up to <paramref name="timeoutMs"/> for sockets to report; their keys go to <paramref name="keys"/>.</summary>
    public static int Wait(int epoll, Span<long> keys, int timeoutMs)
    {
        var events = stackalloc byte[keys.Length * Stride];
        int count;
        do count = WaitNative(epoll, events, keys.Length, timeoutMs);
        while (count < 0 && Marshal.GetLastPInvokeError() == Interrupted);
        if (count < 0) throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_wait failed");
        for (var i = 0; i < count; i++) keys[i] = *(long*)(events + i * Stride + DataOffset);
        return count;
    }

    /// <summary>Closes the epoll instance.</summary>
    public static void Close(int epoll) => CloseNative(epoll);

    private static void Control(int epoll, int operation, int fd, long key)
    {
        var ev = stackalloc byte[16];
        *(uint*)ev = Readable | PeerClosed | OneShot;
        *(long*)(ev + DataOffset) = key;
        if (ControlNative(epoll, operation, fd, ev) != 0)
            throw new IOException($"epoll_ctl failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int CreateNative(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int ControlNative(int epoll, int operation, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int WaitNative(int epoll, byte* events, int maxEvents, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseNative(int fd);
}
