using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Goxel.Daemon.Storage;

/// <summary>
/// The few POSIX calls durability needs and .NET does not offer: fdatasync (a journal's data
/// without its timestamps) and fsync of a directory (so a created, renamed or deleted entry
/// survives a power cut).
/// </summary>
internal static partial class Posix
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    /// <summary>Flushes a file's data to the device; throws <see cref="IOException"/> on failure.</summary>
    public static void DataSync(SafeFileHandle file)
    {
        if (FdataSync((int)file.DangerousGetHandle()) != 0)
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

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
