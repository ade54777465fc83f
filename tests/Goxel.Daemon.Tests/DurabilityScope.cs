using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>
/// A scratch folder with a data directory that outlives daemons: start one, kill it with
/// SIGKILL, start the next on the same data. Everything is deleted on dispose.
/// </summary>
public sealed class DurabilityScope : IDisposable
{
    private readonly List<DaemonProcess> _daemons = [];

    public DurabilityScope() => Directory = DaemonProcess.NewDirectory();

    /// <summary>The scratch folder.</summary>
    public string Directory { get; }

    /// <summary>The data directory the daemons share (one at a time).</summary>
    public string DataDirectory => Path.Combine(Directory, "data");

    /// <summary>Where projects' journals and snapshots are.</summary>
    public string Projects => Path.Combine(DataDirectory, "projects");

    /// <summary>The socket of the daemons.</summary>
    public string SocketPath => Path.Combine(Directory, "d.sock");

    /// <summary>Starts a daemon on the shared data directory and waits until it listens.</summary>
    public DaemonProcess Start(params string[] extra)
    {
        var daemon = DaemonProcess.Launch(Directory, ["--socket", SocketPath, "--data-dir", DataDirectory, .. extra], SocketPath);
        _daemons.Add(daemon);
        daemon.WaitUntilListening();
        return daemon;
    }

    /// <summary>Writes a config file into the scratch folder and returns its path.</summary>
    public string Config(string json)
    {
        var path = Path.Combine(Directory, $"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>SIGKILL: the process dies between any two instructions, as in a crash.</summary>
    public static void Kill(DaemonProcess daemon)
    {
        daemon.Signal("KILL");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)), "the daemon survived SIGKILL");
    }

    /// <summary>
    /// Everything a client can see of the daemon's projects: the list (ids, names, current) and,
    /// per project, its layers and every voxel of every layer, in a canonical text.
    /// </summary>
    public static string Dump(RawClient client)
    {
        var text = new StringBuilder();
        var list = client.Result("goxel.list_projects");
        text.AppendLine(list.ToString());
        foreach (var project in list.GetProperty("projects").EnumerateArray())
        {
            var id = project.GetProperty("project_id").GetString()!;
            text.AppendLine(client.Result("goxel.list_layers", $"{{\"project_id\":\"{id}\"}}").ToString());
            var info = client.Result("goxel.get_project_info", $"{{\"project_id\":\"{id}\"}}");
            text.AppendLine($"active {info.GetProperty("active_layer_id")} box {info.GetProperty("width")}x{info.GetProperty("height")}x{info.GetProperty("depth")}");
            var voxels = client.Result("goxel.get_layer_voxels", $"{{\"project_id\":\"{id}\",\"layer_id\":-2,\"limit\":0}}").GetProperty("voxels");
            foreach (var line in voxels.EnumerateArray().Select(v => v.ToString()).Order(StringComparer.Ordinal)) text.AppendLine(line);
        }
        return text.ToString();
    }

    /// <summary>The journal files of a project, oldest generation first.</summary>
    public string[] Journals(string projectId) =>
        System.IO.Directory.GetFiles(Projects, projectId + ".*.journal").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Waits until <paramref name="condition"/> holds; false after <paramref name="timeout"/>.</summary>
    public static bool Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(50);
        }
        return true;
    }

    /// <summary>Property of a JSON result as text.</summary>
    public static string Text(JsonElement element, string name) => element.GetProperty(name).ToString();

    public void Dispose()
    {
        foreach (var daemon in _daemons) daemon.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
