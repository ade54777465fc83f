using System.Globalization;

namespace Goxel.Daemon.Tests;

/// <summary>A daemon started with a config file of the test's own (limits and the like); removes its folder.</summary>
public static class ConfiguredDaemon
{
    /// <summary>Starts a daemon whose config file holds <paramref name="configJson"/>.</summary>
    public static DaemonProcess Start(string configJson)
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "daemon.json");
        File.WriteAllText(config, configJson);
        var socket = Path.Combine(dir, "d.sock");
        var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        return daemon;
    }

    /// <summary>A line of /proc/PID/status in bytes ("VmRSS", "VmHWM").</summary>
    public static long Memory(DaemonProcess daemon, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{daemon.Process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException($"no {field} in /proc status");
    }
}
