using System.Globalization;

namespace Goxel.Daemon.Storage;

/// <summary>
/// The daemon's data directory (mode 0700), held with an exclusive lock for the daemon's
/// lifetime so that two daemons never write the same journals. The runtime takes the lock with
/// flock when a file is opened without sharing; the holder's pid sits in a file beside it so
/// that a second daemon can say who holds it.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    private readonly FileStream _lock;

    private DataDirectory(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    /// <summary>The directory, absolute.</summary>
    public string Path { get; }

    /// <summary>Where project journals and snapshots live.</summary>
    public string Projects => System.IO.Path.Combine(Path, "projects");

    /// <summary>
    /// Creates (0700) and locks <paramref name="path"/>. Throws <see cref="IOException"/> naming the
    /// directory and the other daemon's pid when another daemon holds it.
    /// </summary>
    public static DataDirectory Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(full, OwnerOnly);
        Directory.CreateDirectory(System.IO.Path.Combine(full, "projects"), OwnerOnly);
        var lockPath = System.IO.Path.Combine(full, "lock");
        var pidPath = System.IO.Path.Combine(full, "lock.pid");
        FileStream held;
        try
        {
            held = new FileStream(lockPath, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException)
        {
            var other = File.Exists(pidPath) ? File.ReadAllText(pidPath).Trim() : "unknown";
            throw new IOException($"data directory {full} is in use by another goxel-daemon (pid {other}); give this one its own --data-dir, or --data-dir \"\" for memory only");
        }
        File.WriteAllText(pidPath, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        return new DataDirectory(full, held);
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(System.IO.Path.Combine(Path, "lock.pid"));
        }
        catch (IOException)
        {
            // The next daemon overwrites it anyway.
        }
        _lock.Dispose();
    }
}
