namespace Goxel.Render;

/// <summary>
/// Writes files so readers see either the old content or the complete new one: the bytes go to
/// a temporary file in the same folder, are flushed to disk, then renamed over the target. On
/// failure the temporary file is removed and any previous file is left untouched. Renders use
/// it for their output paths; Goxel.Formats for every saved or exported file.
/// </summary>
public static class RenderOutput
{
    /// <summary>Writes encoded picture bytes to <paramref name="path"/>, readable by the owner only (0600).</summary>
    public static void Write(string path, ReadOnlySpan<byte> encoded)
    {
        var bytes = encoded.ToArray();
        WriteAtomically(path, stream => stream.Write(bytes), ownerOnly: true);
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>. Throws <see cref="IOException"/>
    /// naming the path and the reason when it cannot be written.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write, bool ownerOnly)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (string.IsNullOrWhiteSpace(path)) throw new IOException("Cannot write an empty path.");
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"Cannot write '{path}': {e.Message}", e);
        }
        var directory = Path.GetDirectoryName(full) ?? throw new IOException($"Cannot write '{path}': no parent directory.");
        if (!Directory.Exists(directory)) throw new IOException($"Cannot write '{path}': directory '{directory}' does not exist.");
        if (Directory.Exists(full)) throw new IOException($"Cannot write '{path}': it is a directory.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 16 };
            if (ownerOnly && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, options))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new IOException($"Cannot write '{path}': {e.Message}", e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to clean up.
        }
    }
}
