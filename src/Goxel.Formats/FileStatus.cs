using System.Runtime.InteropServices;

namespace Goxel.Formats;

/// <summary>What kind of file system object a path names (the link itself, not its target).</summary>
public enum FileKind
{
    /// <summary>Nothing at the path.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link.</summary>
    SymbolicLink,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>A FIFO (named pipe): opening it for reading blocks until a writer comes.</summary>
    Fifo,

    /// <summary>A character or block device such as /dev/zero.</summary>
    Device,
}

/// <summary>
/// The status of a path from statx(2), whose layout is the same on every Linux architecture:
/// its kind, permission bits, owner and identity (device and inode). .NET exposes none of the
/// kind, owner or identity, and opening a FIFO to find out would block.
/// </summary>
/// <param name="Kind">What the path is.</param>
/// <param name="Mode">Permission bits, including set-id and sticky bits.</param>
/// <param name="Uid">Owner's user id.</param>
/// <param name="Device">Device number (major &lt;&lt; 32 | minor) of the file system holding it.</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Changed">Status change time in nanoseconds since 1970: with the inode it tells a
/// file from a later one that reused its inode number.</param>
public sealed partial record FileStatus(FileKind Kind, int Mode, int Uid, ulong Device, ulong Inode, long Changed)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    /// <summary>Sticky bit: in a shared folder only an entry's owner may remove or rename it.</summary>
    public const int StickyBit = 0x200;

    /// <summary>Write permission for users other than the owner and group.</summary>
    public const int OtherWrite = 0x2;

    /// <summary>The status of <paramref name="path"/> without following a final symbolic link; throws <see cref="IOException"/> on errors other than "missing".</summary>
    public static FileStatus Of(string path) => Read(path, AtSymlinkNoFollow);

    /// <summary>The status of what <paramref name="path"/> finally names, links followed.</summary>
    public static FileStatus OfTarget(string path) => Read(path, 0);

    private static FileStatus Read(string path, int flags)
    {
        var buffer = new StatxBuffer();
        if (Statx(AtFdCwd, path, flags, StatxBasicStats, ref buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR) return new FileStatus(FileKind.Missing, 0, -1, 0, 0, 0);
            throw new IOException($"cannot inspect {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        var kind = (buffer.Mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0xC000 => FileKind.Socket,
            0x1000 => FileKind.Fifo,
            _ => FileKind.Device,
        };
        return new FileStatus(kind, buffer.Mode & 0xFFF, (int)buffer.Uid, ((ulong)buffer.DeviceMajor << 32) | buffer.DeviceMinor, buffer.Inode,
            (buffer.ChangedSeconds * 1_000_000_000L) + buffer.ChangedNanoseconds);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref StatxBuffer buffer);

    /// <summary>struct statx (linux/stat.h): 256 bytes; only the fields read here are named.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(96)] public long ChangedSeconds;
        [FieldOffset(104)] public uint ChangedNanoseconds;
        [FieldOffset(136)] public uint DeviceMajor;
        [FieldOffset(140)] public uint DeviceMinor;
    }
}
