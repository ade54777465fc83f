using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Goxel.Client.Tests;

/// <summary>A real goxel-daemon on a private temp socket; SIGTERM on dispose.</summary>
public sealed class TestDaemon : IAsyncDisposable
{
    private TestDaemon(Process process, string directory, string socketPath, int? tcpPort)
    {
        Process = process;
        Directory = directory;
        SocketPath = socketPath;
        TcpPort = tcpPort;
    }

    /// <summary>The daemon process.</summary>
    public Process Process { get; }

    /// <summary>Scratch directory (working directory and socket).</summary>
    public string Directory { get; }

    /// <summary>Its Unix socket.</summary>
    public string SocketPath { get; }

    /// <summary>Its TCP port, when started with one.</summary>
    public int? TcpPort { get; }

    /// <summary>The token the daemon generated for its TCP port (beside the socket, mode 0600).</summary>
    public string TcpToken => File.ReadAllText(SocketPath + ".token").Trim();

    /// <summary>Client options for this daemon's socket.</summary>
    public GoxelDaemonClientOptions Options => new() { SocketPath = SocketPath, Timeout = TimeSpan.FromSeconds(20) };

    /// <summary>$GOXEL_DAEMON, else artifacts/bin/goxel-daemon above the test binary (run scripts/build).</summary>
    public static string Executable => Goxel.Testing.DaemonExecutable.Path;

    /// <summary>Starts a daemon and waits until its socket accepts.</summary>
    public static async Task<TestDaemon> StartAsync(bool tcp = false, string? socketPath = null, params string[] extraArgs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "goxel-cs-" + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.CreateDirectory(dir);
        socketPath ??= Path.Combine(dir, "d.sock");
        var info = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = dir,
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // Each daemon keeps its renders in its own folder, removed with it.
        info.Environment["GOXEL_RENDER_DIR"] = Path.Combine(dir, "renders");
        info.ArgumentList.Add("--socket");
        info.ArgumentList.Add(socketPath);
        int? port = tcp ? FreePort() : null;
        if (port is { } p)
        {
            info.ArgumentList.Add("--tcp");
            info.ArgumentList.Add($"127.0.0.1:{p}");
        }
        // Its own data directory, deleted with the scratch directory, so test daemons never share one.
        info.ArgumentList.Add("--data-dir");
        info.ArgumentList.Add(Path.Combine(dir, "data"));
        foreach (var arg in extraArgs) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var daemon = new TestDaemon(process, dir, socketPath, port);
        await daemon.WaitUntilListeningAsync();
        return daemon;
    }

    /// <summary>Sends a signal (TERM, KILL, STOP, CONT).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>
    /// SIGSTOP, then waits until every thread has stopped. A stop is asynchronous: the kernel wakes
    /// one thread to begin it, and on a loaded machine another thread woken by a request meanwhile
    /// still answers it (seen in the TypeScript twin of these tests).
    /// </summary>
    public async Task PauseAsync()
    {
        Signal("STOP");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!AllThreadsStopped())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"daemon {Process.Id} did not stop");
            await Task.Delay(1);
        }
    }

    private bool AllThreadsStopped()
    {
        foreach (var task in System.IO.Directory.GetDirectories($"/proc/{Process.Id}/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T')) continue;
                return false;
            }
            catch (IOException)
            {
                // The thread ended.
            }
        }
        return true;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Signal("CONT");
            Signal("TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill();
            }
        }
        Process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (Process.HasExited) throw new InvalidOperationException($"daemon exited with {Process.ExitCode}");
            try
            {
                using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await probe.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath));
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }
        throw new TimeoutException($"daemon did not listen on {SocketPath}");
    }

    private static int FreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

/// <summary>One daemon shared by a test class.</summary>
public class DaemonFixture : IAsyncLifetime
{
    private readonly string[] _args;

    /// <summary>A plain daemon.</summary>
    public DaemonFixture() : this([]) { }

    /// <summary>A daemon with extra arguments.</summary>
    protected DaemonFixture(string[] args) => _args = args;

    /// <summary>The daemon (with a TCP listener).</summary>
    public TestDaemon Daemon { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync() => Daemon = await TestDaemon.StartAsync(true, null, _args);

    /// <inheritdoc/>
    public async Task DisposeAsync() => await Daemon.DisposeAsync();
}

/// <summary>A daemon that rejects requests over 4 KiB, for the oversize test.</summary>
public sealed class SmallRequestDaemonFixture() : DaemonFixture(["--max-request-bytes", "4096"]);
