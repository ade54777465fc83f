using System.Globalization;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// Finds the process listening on a Unix socket path through Linux's /proc: the socket's inode
/// from /proc/net/unix, then the process holding a descriptor on "socket:[inode]".
/// </summary>
internal static class SocketOwner
{
    /// <summary>The id of another process bound to <paramref name="socketPath"/>, or null.</summary>
    public static int? Find(string socketPath)
    {
        var inodes = BoundInodes(Path.GetFullPath(socketPath));
        if (inodes.Count == 0) return null;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                foreach (var descriptor in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                    if (new FileInfo(descriptor).LinkTarget is { } target && inodes.Contains(target)) return pid;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another user's process, or one that just exited: not ours to find.
            }
        }
        return null;
    }

    // /proc/net/unix: "Num RefCount Protocol Flags Type St Inode Path"; the path is the last column.
    // It is the path the socket was bound to: the daemon binds "PATH.PID.binding" and renames it
    // into place (Endpoints.ListenUnix), so either name counts.
    private static HashSet<string> BoundInodes(string socketPath)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines("/proc/net/unix").Skip(1))
            {
                var columns = line.Split(' ', 8, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (columns.Length >= 8 && IsBoundTo(columns[7], socketPath)) inodes.Add($"socket:[{columns[6]}]");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No /proc (not Linux): only the PID file can name the daemon.
        }
        return inodes;
    }

    private static bool IsBoundTo(string bound, string socketPath) =>
        bound == socketPath
        || (bound.StartsWith(socketPath + ".", StringComparison.Ordinal) && bound.EndsWith(".binding", StringComparison.Ordinal)
            && int.TryParse(bound.AsSpan(socketPath.Length + 1, bound.Length - socketPath.Length - 1 - ".binding".Length), NumberStyles.None, CultureInfo.InvariantCulture, out _));
}
