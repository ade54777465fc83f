using System.Runtime.InteropServices;

namespace Goxel.Daemon.Hosting;

/// <summary>
/// A shell that starts a job in the background without job control execs it with SIGINT
/// ignored, and the runtime leaves an ignored SIGINT ignored, so Ctrl-C or kill -INT would do
/// nothing. The daemon wants SIGINT to stop it however it was started: it resets the
/// disposition to the default before registering its own handler.
/// </summary>
internal static partial class InterruptSignal
{
    private const int SigInt = 2;

    /// <summary>Makes SIGINT deliverable again if the parent left it ignored.</summary>
    public static void Restore() => _ = Signal(SigInt, IntPtr.Zero);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);
}
