using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Goxel.Daemon.Storage;

/// <summary>
/// The few POSIX calls durability needs and .NET does not offer: fdatasync (a journal's data
/// without its timestamps), fsync of a directory (so a created, renamed or deleted entry
/// survives a power cut) and a shared mapping of a journal's tail (appends without a system
/// call); and disk space reserved before a journal writes into it.
/// </summary>
internal static partial class Posix
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux
    private const int ReadWrite = 0x3; // PROT_READ | PROT_WRITE
    private const int Shared = 0x1; // MAP_SHARED

    /// <summary>Flushes a file's data to the device; throws <see cref="IOException"/> on failure.</summary>
    public static void DataSync(SafeFileHandle file)
    {
        if (FdataSync(Descriptor(file)) != 0)
            throw new IOException($"fdatasync failed: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>Flushes a directory's entries to the device; throws <see cref="IOException"/> on failure.</summary>
    public static void SyncDirectory(string path)
    {
        var fd = Open(path, ReadOnlyDirectory);
        if (fd < 0) throw new IOException($"cannot open directory {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        try
        {
            if (Fsync(fd) != 0) throw new IOException($"fsync of directory {path} failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Gives the file real disk blocks for [<paramref name="offset"/>, +<paramref name="length"/>),
    /// growing it to cover them, so later writes there cannot fail for want of space; throws
    /// <see cref="IOException"/> (for example "No space left on device"). It writes zeros rather
    /// than calling fallocate: fallocate leaves unwritten extents, and every fdatasync after
    /// records landed in them had to commit the file system's journal to mark them written
    /// (a 4 KiB append + fdatasync measured 120-190 us into fallocated space, 80 us into
    /// zeros written once, on this machine's ext4; docs/durability.md).
    /// </summary>
    public static void Reserve(SafeFileHandle file, long offset, long length)
    {
        var zeros = new byte[Math.Min(length, 1 << 20)];
        for (var at = offset; at < offset + length; at += zeros.Length)
            RandomAccess.Write(file, zeros.AsSpan(0, (int)Math.Min(zeros.Length, offset + length - at)), at);
    }

    /// <summary>Maps [<paramref name="offset"/>, +<paramref name="length"/>) of the file shared and writable; the offset must be page-aligned.</summary>
    public static unsafe byte* Map(SafeFileHandle file, long offset, long length)
    {
        var at = Mmap(null, (nuint)length, ReadWrite, Shared, Descriptor(file), offset);
        if (at == (void*)-1) throw new IOException($"mmap failed: {Marshal.GetLastPInvokeErrorMessage()}");
        return (byte*)at;
    }

    /// <summary>Removes a mapping made by <see cref="Map"/>.</summary>
    public static unsafe void Unmap(byte* at, long length) => _ = Munmap(at, (nuint)length);

    private static int Descriptor(SafeFileHandle file) => (int)file.DangerousGetHandle();

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static unsafe partial void* Mmap(void* address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", EntryPoint = "munmap", SetLastError = true)]
    private static unsafe partial int Munmap(void* address, nuint length);
}
