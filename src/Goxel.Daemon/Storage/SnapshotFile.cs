using Goxel.Core;
using Goxel.Formats;

namespace Goxel.Daemon.Storage;

/// <summary>
/// A project snapshot as .gox in the data directory, written the way a database writes a
/// checkpoint: a temporary file, fsync, rename over the name, fsync of the directory.
/// </summary>
internal static class SnapshotFile
{
    private static readonly VoxelFormat Gox = FormatRegistry.FindByName("gox") ?? throw new InvalidOperationException("the gox format is missing");

    /// <summary>Writes <paramref name="project"/> (a snapshot nobody edits) to <paramref name="path"/> durably.</summary>
    public static void Write(Project project, string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                Gox.Write(project, stream, new ExportContext(path));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        Posix.SyncDirectory(directory);
    }

    /// <summary>Reads a snapshot; a damaged one throws <see cref="VoxelFileException"/>.</summary>
    public static Project Read(string path) => ProjectFiles.Read(Gox, File.ReadAllBytes(path), path);
}
