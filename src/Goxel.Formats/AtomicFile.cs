namespace Goxel.Formats;

/// <summary>
/// Writes a file so readers see either the old content or the complete new one: the bytes go to
/// a temporary file in the same folder, are flushed to disk, then renamed over the target.
/// On failure the temporary file is removed and any previous file is left untouched.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; errors become <see cref="VoxelFileException"/>.</summary>
    public static void Write(string path, Action<Stream> write, string? displayName = null)
    {
        var name = displayName ?? path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (!Directory.Exists(folder))
            throw new VoxelFileException(VoxelFileError.Io, name, $"the folder '{folder}' does not exist");
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new VoxelFileException(VoxelFileError.Io, name, $"cannot write the file: {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
