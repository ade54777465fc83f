using System.Runtime.InteropServices;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// A shell that starts a job in the background without job control execs it with SIGINT and
/// SIGQUIT ignored, and the runtime leaves an ignored signal ignored, so Ctrl-C, kill -INT or
/// kill -QUIT would do nothing. The daemon wants both to stop it however it was started: it
/// resets their disposition to the default before registering its own handlers.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;
    private const int SigQuit = 3;

    /// <summary>Makes SIGINT and SIGQUIT deliverable again if the parent left them ignored.</summary>
    public static void Restore()
    {
        _ = Signal(SigInt, IntPtr.Zero);
        _ = Signal(SigQuit, IntPtr.Zero);
    }

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}
