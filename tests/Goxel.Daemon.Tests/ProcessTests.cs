using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Goxel.Daemon.Tests;

/// <summary>The daemon as a process: flags, socket file, PID file, signals, limits (spec section 7).</summary>
public sealed class ProcessTests
{
    private static (int Code, string Out, string Err) RunToExit(params string[] args)
    {
        var dir = DaemonProcess.NewDirectory();
        using var daemon = DaemonProcess.Launch(dir, args, Path.Combine(dir, "unused.sock"));
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)), "daemon did not exit");
        return (daemon.Process.ExitCode, "", daemon.Stderr);
    }


    [Fact]
    public void VersionHelpAndBadFlags()
    {
        var dir = DaemonProcess.NewDirectory();
        var version = Process.Start(new ProcessStartInfo(DaemonProcess.Executable, "--version") { RedirectStandardOutput = true })!;
        Assert.Matches(@"^goxel-daemon version \d+\.\d+\.\d+", version.StandardOutput.ReadToEnd());
        version.WaitForExit();
        Assert.Equal(0, version.ExitCode);

        var help = Process.Start(new ProcessStartInfo(DaemonProcess.Executable, "-h") { RedirectStandardOutput = true })!;
        var text = help.StandardOutput.ReadToEnd();
        help.WaitForExit();
        Assert.Equal(0, help.ExitCode);
        foreach (var flag in new[] { "--socket", "--pid-file", "--workers", "--max-connections", "--protocol", "--config", "--verbose", "--tcp", "--foreground" })
            Assert.Contains(flag, text);

        var (code, _, err) = RunToExit("--no-such-flag");
        Assert.Equal(1, code);
        Assert.Contains("Invalid command line arguments. Use --help for usage information.", err);
        Assert.Equal(1, RunToExit("--workers", "0").Code);
        Assert.Equal(1, RunToExit("--protocol", "xml").Code);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void SocketIsPrivateToItsUser()
    {
        using var daemon = DaemonProcess.Start();
        var mode = File.GetUnixFileMode(daemon.SocketPath);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void StaleSocketIsReplacedAndLiveOneIsRefused()
    {
        var dir = DaemonProcess.NewDirectory();
        var path = Path.Combine(dir, "s.sock");
        // A daemon killed outright leaves its socket file behind with nobody listening.
        using (var killed = DaemonProcess.Launch(dir, ["--socket", path], path))
        {
            killed.WaitUntilListening();
            killed.Process.Kill();
            killed.WaitForExit(TimeSpan.FromSeconds(5));
        }
        Assert.True(File.Exists(path));

        using var first = DaemonProcess.Launch(dir, ["--socket", path], path);
        first.WaitUntilListening();
        using (var client = first.Connect()) Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());

        using var second = DaemonProcess.Launch(dir, ["--socket", path], path);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, second.Process.ExitCode);
        Assert.Contains("already listening", second.Stderr);
        using (var client = first.Connect()) Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void SigtermFinishesQuicklyAndRemovesSocketAndPidFile()
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "t.sock");
        var pid = Path.Combine(dir, "d.pid");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--pid-file", pid], socket);
        daemon.WaitUntilListening();
        Assert.Equal(daemon.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(pid).Trim());
        using var idle = daemon.Connect();
        using var busy = daemon.Connect();
        busy.Result("goxel.create_project");

        var clock = Stopwatch.StartNew();
        daemon.Signal("TERM");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(0, daemon.Process.ExitCode);
        Assert.False(File.Exists(socket));
        Assert.False(File.Exists(pid));
    }

    [Fact]
    public void SigintStopsToo()
    {
        using var daemon = DaemonProcess.Start();
        daemon.Signal("INT");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(3)));
        Assert.False(File.Exists(daemon.SocketPath));
    }

    [Fact]
    public void SighupDoesNotKill()
    {
        using var daemon = DaemonProcess.Start();
        daemon.Signal("HUP");
        Thread.Sleep(300);
        Assert.False(daemon.Process.HasExited);
        using var client = daemon.Connect();
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void PidFileOfALiveDaemonIsRefused()
    {
        using var first = DaemonProcess.Start("--pid-file", "shared.pid");
        var dir = first.Directory;
        var socket = Path.Combine(dir, "other.sock");
        using var second = DaemonProcess.Launch(dir, ["--socket", socket, "--pid-file", "shared.pid"], socket);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, second.Process.ExitCode);
        Assert.Contains("names running process", second.Stderr);
        Assert.False(File.Exists(socket));
    }

    [Fact]
    public void MaxConnectionsCountsOpenConnectionsOnly()
    {
        using var daemon = DaemonProcess.Start("-m", "2");
        using var one = daemon.ConnectWhenSlotFree();
        using var two = daemon.ConnectWhenSlotFree();
        Assert.True(one.Result("ping").GetProperty("pong").GetBoolean());
        Assert.True(two.Result("ping").GetProperty("pong").GetBoolean());
        using (var three = daemon.Connect())
        {
            Assert.Contains("Too many connections", three.ReadLine());
            Assert.True(three.IsClosedByPeer());
        }
        two.Dispose();
        for (var i = 0; i < 10; i++)
        {
            // The daemon notices a closed connection a moment after the client closes it.
            using var again = daemon.ConnectWhenSlotFree();
            Assert.True(again.Result("ping").GetProperty("pong").GetBoolean());
        }
    }

    [Fact]
    public void TcpListensOnLoopbackWithTheSameFraming()
    {
        var port = DaemonProcess.FreePort();
        using var daemon = DaemonProcess.Start("--tcp", $"127.0.0.1:{port}");
        using var client = RawClient.Tcp(new IPEndPoint(IPAddress.Loopback, port));
        var token = File.ReadAllText(daemon.SocketPath + ".token").Trim();
        Assert.True(client.Result("auth", new { token }).GetProperty("authenticated").GetBoolean());
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2}\r\n");
        Assert.Equal(1, client.ReadJson().GetProperty("id").GetInt32());
        Assert.Equal(2, client.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void NonLoopbackTcpNeedsAllowRemote()
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "r.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--tcp", $"0.0.0.0:{DaemonProcess.FreePort()}"], socket);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("--allow-remote", daemon.Stderr);
    }

    [Fact]
    public void ConfigFileInvalidValueStopsWithTheKeyAndUnknownKeysWarn()
    {
        var dir = DaemonProcess.NewDirectory();
        var bad = Path.Combine(dir, "bad.json");
        File.WriteAllText(bad, "{\"daemon\":{\"max_connections\":\"lots\"}}");
        var socket = Path.Combine(dir, "c.sock");
        using (var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", bad], socket))
        {
            Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, daemon.Process.ExitCode);
            Assert.Contains("daemon.max_connections", daemon.Stderr);
        }

        var good = Path.Combine(dir, "good.json");
        File.WriteAllText(good, """
            {
              "daemon": { "max_connections": 1, "timeout_ms": 30000, "worker_threads": 4, "request_queue_size": 1000,
                          "enable_compression": true, "compression_threshold": 1024, "colour": "blue" },
              "performance": { "cache_size_mb": 128, "block_cache_size": 1000, "voxel_batch_size": 1000,
                               "render_cache_size": 50, "gc_threshold_mb": 200 },
              "monitoring": { "enable_metrics": true, "metrics_interval_ms": 5000, "performance_logging": true,
                              "slow_request_threshold_ms": 10 }
            }
            """);
        using var running = DaemonProcess.Launch(dir, ["--socket", socket, "--config", good], socket);
        running.WaitUntilListening();
        Assert.True(running.WaitForStderr("daemon.colour", TimeSpan.FromSeconds(5)), running.Stderr);
        // max_connections from the file took effect.
        using var one = running.ConnectWhenSlotFree();
        Assert.True(one.Result("ping").GetProperty("pong").GetBoolean());
        using var two = running.Connect();
        Assert.Contains("Too many connections", two.ReadLine());
    }

    [Fact]
    public void SampleConfigOfTheSystemdUnitLoads()
    {
        using var daemon = DaemonProcess.Start("--config", Path.Combine(DaemonProcess.RepoRoot, "deploy", "daemon.json"));
        using var client = daemon.Connect();
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
        Assert.DoesNotContain("unknown key", daemon.Stderr);
    }

    [Fact]
    public void StatusStopAndReloadUseThePidFile()
    {
        using var daemon = DaemonProcess.Start("--pid-file", "ctl.pid");
        var pid = Path.Combine(daemon.Directory, "ctl.pid");
        var status = Process.Start(new ProcessStartInfo(DaemonProcess.Executable, ["--status", "--pid-file", pid]) { RedirectStandardOutput = true })!;
        Assert.Contains("is running", status.StandardOutput.ReadToEnd());
        status.WaitForExit();
        Assert.Equal(0, status.ExitCode);

        var stop = Process.Start(new ProcessStartInfo(DaemonProcess.Executable, ["--stop", "--pid-file", pid]) { RedirectStandardOutput = true })!;
        stop.StandardOutput.ReadToEnd();
        stop.WaitForExit();
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void StatusAndStopFindADaemonWithoutAPidFileByItsSocket()
    {
        // scripts/run starts the daemon this way: no PID file, the default socket.
        using var daemon = DaemonProcess.Start();
        var noPidFile = Path.Combine(daemon.Directory, "none.pid");
        var (code, output) = Control("--status", "--pid-file", noPidFile, "--socket", daemon.SocketPath);
        Assert.Equal(0, code);
        Assert.Contains($"is running (pid {daemon.Process.Id})", output);

        Assert.Equal(0, Control("--stop", "--pid-file", noPidFile, "--socket", daemon.SocketPath).Code);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        var (after, message) = Control("--status", "--pid-file", noPidFile, "--socket", daemon.SocketPath);
        Assert.Equal(1, after);
        Assert.Contains($"none listening at {daemon.SocketPath}", message);
    }

    private static (int Code, string Output) Control(params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(DaemonProcess.Executable, args) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        return (process.ExitCode, output);
    }
}
