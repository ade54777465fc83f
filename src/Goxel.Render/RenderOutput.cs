namespace Goxel.Render;

/// <summary>Writes encoded renders to caller-chosen paths (mode B of goxel.render_scene) with clear errors.</summary>
public static class RenderOutput
{
    /// <summary>
    /// Writes <paramref name="encoded"/> to <paramref name="path"/> through a temporary file in the
    /// same folder, then renames it, so readers never see a half-written picture. New files get mode
    /// 0600. Throws <see cref="IOException"/> naming the path and the reason when it cannot be written.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> encoded)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("Output path must not be empty.", nameof(path));
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new IOException($"Cannot write render to '{path}': {e.Message}", e);
        }
        var directory = Path.GetDirectoryName(full) ?? throw new IOException($"Cannot write render to '{path}': no parent directory.");
        if (!Directory.Exists(directory)) throw new IOException($"Cannot write render to '{path}': directory '{directory}' does not exist.");
        if (Directory.Exists(full)) throw new IOException($"Cannot write render to '{path}': it is a directory.");
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temp, fileOptions)) stream.Write(encoded);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new IOException($"Cannot write render to '{path}': {e.Message}", e);
        }
    }
}
