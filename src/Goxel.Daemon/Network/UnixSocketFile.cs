using System.Net.Sockets;
using Goxel.Formats;

namespace Goxel.Daemon.Network;

/// <summary>
/// The listening Unix socket and the file system entry it created, known by device, inode and
/// change time (a file made later may reuse the inode number),
/// so that shutdown removes that entry and never one another process put at the same path.
/// </summary>
public sealed class UnixSocketFile(Socket socket, string path, FileStatus created)
{
    /// <summary>The listening socket.</summary>
    public Socket Socket { get; } = socket;

    /// <summary>Absolute path of the socket file.</summary>
    public string Path { get; } = path;

    /// <summary>Deletes the socket file if it is still the one this daemon bound.</summary>
    public void Remove()
    {
        try
        {
            var now = FileStatus.Of(Path);
            if (now.Kind == FileKind.Socket && now.Device == created.Device && now.Inode == created.Inode && now.Changed == created.Changed) File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone already, or not ours to remove.
        }
    }
}
