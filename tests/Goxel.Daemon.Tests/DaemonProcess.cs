using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Goxel.Daemon.Tests;

/// <summary>A real goxel-daemon process on a private temp socket, stopped on dispose.</summary>
public sealed class DaemonProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();

    private readonly bool _ownsDirectory;

    private DaemonProcess(string directory, Process process, string socketPath, bool ownsDirectory)
    {
        _ownsDirectory = ownsDirectory;
        Directory = directory;
        Process = process;
        SocketPath = socketPath;
    }

    /// <summary>Scratch directory holding the socket; deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>The daemon process.</summary>
    public Process Process { get; }

    /// <summary>Its Unix socket.</summary>
    public string SocketPath { get; }

    /// <summary>What the daemon wrote to standard error so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    /// <summary>The daemon executable: $GOXEL_DAEMON, else artifacts/bin/goxel-daemon above the test.</summary>
    public static string Executable => Goxel.Testing.DaemonExecutable.Path;

    /// <summary>The repository checkout the tests run from.</summary>
    public static string RepoRoot => Goxel.Testing.DaemonExecutable.RepoRoot;

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Scratch = CleanedAtExit();

    /// <summary>A fresh scratch directory, deleted when the test run ends at the latest.</summary>
    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "goxel-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(dir);
        Scratch.Add(dir);
        return dir;
    }

    // Tests that stop a daemon half-way or launch one that must fail do not own their folder;
    // every folder NewDirectory made goes when the test process exits.
    private static System.Collections.Concurrent.ConcurrentBag<string> CleanedAtExit()
    {
        var folders = new System.Collections.Concurrent.ConcurrentBag<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var folder in folders)
                if (!RemoveFolder(folder)) Console.Error.WriteLine($"could not remove {folder}");
        };
        return folders;
    }

    /// <summary>Starts a daemon on a socket in a new scratch directory and waits until it accepts.</summary>
    public static DaemonProcess Start(params string[] extraArgs)
    {
        var dir = NewDirectory();
        var socket = Path.Combine(dir, "d.sock");
        var daemon = Launch(dir, ["--socket", socket, .. extraArgs], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        return daemon;
    }

    /// <summary>
    /// Starts the executable with these arguments, without waiting. Unless they name one, the
    /// daemon gets a data directory of its own inside <paramref name="directory"/> (so daemons
    /// never meet in the default one), deleted with it.
    /// </summary>
    /// <remarks>
    /// With <paramref name="interruptIgnored"/> the daemon starts with SIGINT and SIGQUIT ignored,
    /// as a background job of a non-interactive shell does. <paramref name="environment"/> adds
    /// variables to the daemon's environment.
    /// </remarks>
    public static DaemonProcess Launch(string directory, IEnumerable<string> args, string socketPath, bool ownsDirectory = false, bool interruptIgnored = false,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var given = args.ToList();
        if (!given.Contains("--data-dir")) given.AddRange(["--data-dir", Path.Combine(directory, "data-" + Guid.NewGuid().ToString("N")[..8])]);
        args = given;
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory,
            UseShellExecute = false,
        };
        // Each daemon keeps its renders in its own folder.
        info.Environment["GOXEL_RENDER_DIR"] = Path.Combine(directory, "renders");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        // Test runners may start us with SIGINT ignored, which children inherit; a shell user's
        // daemon gets the default disposition, so python gives the daemon that, then execs it.
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"import os, signal, sys; signal.signal(signal.SIGINT, signal.{(interruptIgnored ? "SIG_IGN" : "SIG_DFL")}); signal.signal(signal.SIGQUIT, signal.{(interruptIgnored ? "SIG_IGN" : "SIG_DFL")}); os.execv(sys.argv[1], sys.argv[1:])");
        info.ArgumentList.Add(Executable);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var daemon = new DaemonProcess(directory, process, socketPath, ownsDirectory);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (daemon._stderr) daemon._stderr.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return daemon;
    }

    /// <summary>Waits until the socket accepts a connection.</summary>
    public void WaitUntilListening()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (Process.HasExited) throw new InvalidOperationException($"daemon exited with {Process.ExitCode}: {Stderr}");
            try
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                probe.Connect(new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }
        throw new TimeoutException($"daemon did not listen on {SocketPath}: {Stderr}");
    }

    /// <summary>A new raw connection.</summary>
    public RawClient Connect() => RawClient.Unix(SocketPath);

    /// <summary>Connects, retrying while the daemon still counts connections the test already closed.</summary>
    public RawClient ConnectWhenSlotFree()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var client = Connect();
            try
            {
                client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":0}\n");
                if (!client.ReadLine().Contains("Too many connections", StringComparison.Ordinal)) return client;
            }
            catch (Exception ex) when (ex is SocketException or EndOfStreamException)
            {
                // Refused and closed before the ping went out.
            }
            client.Dispose();
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "no connection slot came free");
            Thread.Sleep(20);
        }
    }

    /// <summary>A loopback TCP port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Sends a signal to the daemon.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for exit (and for its output to be read); true when it exited within the time.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout)) return false;
        Process.WaitForExit();
        return true;
    }

    /// <summary>Waits until standard error contains <paramref name="text"/>; true when it did in time.</summary>
    public bool WaitForStderr(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(20);
        }
        return true;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            // SIGKILL always ends it; waiting for the end means nothing writes in the folder after.
            Process.Kill();
            Process.WaitForExit();
        }
        Process.Dispose();
        if (_ownsDirectory) RemoveFolder(Directory);
    }

    // A folder is removed even when something was still finishing a write in it: a few tries.
    private static bool RemoveFolder(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (attempt == 20) return false;
                Thread.Sleep(100);
            }
        }
    }
}
