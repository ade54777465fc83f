using System.Globalization;

namespace Goxel.Daemon.Hosting;

/// <summary>The daemon's PID file: created exclusively, refused while its process lives, removed on exit.</summary>
public sealed class PidFile : IDisposable
{
    private readonly string _path;

    private PidFile(string path) => _path = path;

    /// <summary>Writes this process's id to <paramref name="path"/>; a file naming a live process is an error.</summary>
    public static PidFile Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (ReadLivePid(full) is { } other)
            throw new IOException($"pid file {full} names running process {other}");
        File.Delete(full);
        using (var stream = new FileStream(full, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
            writer.Write($"{Environment.ProcessId}\n");
        return new PidFile(full);
    }

    /// <summary>The process id in the file if that process is running, else null.</summary>
    public static int? ReadLivePid(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return null;
            return Directory.Exists($"/proc/{pid}") && pid != Environment.ProcessId ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the file if it still names this process.</summary>
    public void Dispose()
    {
        try
        {
            if (File.ReadAllText(_path).Trim() == Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) File.Delete(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Already gone or replaced: nothing of ours to remove.
        }
    }
}
