using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// --status, --stop and --reload: act on the daemon named by a PID file or, when there is no live
/// one (scripts/run writes none), on the process listening on the daemon's Unix socket.
/// </summary>
internal static partial class ProcessControl
{
    private const int SigHup = 1;
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>Prints whether it runs; exit code 0 when it does, 1 when not.</summary>
    public static int Status(string pidFile, string socketPath)
    {
        if (Running(pidFile, socketPath) is not { } pid) return 1;
        Console.WriteLine($"goxel-daemon is running (pid {pid})");
        return 0;
    }

    /// <summary>SIGTERM, wait up to 30 s, then SIGKILL.</summary>
    public static int Stop(string pidFile, string socketPath)
    {
        if (Running(pidFile, socketPath) is not { } pid) return 1;
        Kill(pid, SigTerm);
        var clock = Stopwatch.StartNew();
        while (Directory.Exists($"/proc/{pid}") && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50);
        if (Directory.Exists($"/proc/{pid}")) Kill(pid, SigKill);
        Console.WriteLine($"goxel-daemon stopped (pid {pid})");
        return 0;
    }

    /// <summary>SIGHUP: the daemon re-reads its config file.</summary>
    public static int Reload(string pidFile, string socketPath)
    {
        if (Running(pidFile, socketPath) is not { } pid) return 1;
        Kill(pid, SigHup);
        Console.WriteLine($"goxel-daemon asked to reload (pid {pid})");
        return 0;
    }

    /// <summary>The daemon's process id, or null after saying it is not running.</summary>
    private static int? Running(string pidFile, string socketPath)
    {
        var pid = PidFile.ReadLivePid(pidFile) ?? SocketOwner.Find(socketPath);
        if (pid is null) Console.WriteLine($"goxel-daemon is not running (no live process in {pidFile}, none listening at {socketPath})");
        return pid;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
