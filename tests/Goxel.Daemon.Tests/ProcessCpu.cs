using System.Globalization;

namespace Goxel.Daemon.Tests;

/// <summary>CPU time from /proc: a process's (/proc/PID/stat) or one thread's (/proc/PID/task/TID/stat).</summary>
internal static class ProcessCpu
{
    /// <summary>User plus system clock ticks (10 ms each) so far, from a stat file.</summary>
    public static long Ticks(string statFile)
    {
        var stat = File.ReadAllText(statFile);
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
