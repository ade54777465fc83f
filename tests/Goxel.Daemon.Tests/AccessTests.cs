using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Goxel.Daemon.Tests;

/// <summary>Who may talk to the daemon: TCP token and HTTP refusal, Unix socket safety, idle connections.</summary>
public sealed class AccessTests
{
    private static (DaemonProcess Daemon, int Port) StartTcp(string? config = null)
    {
        var port = DaemonProcess.FreePort();
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "t.sock");
        string[] args = ["--socket", socket, "--tcp", $"127.0.0.1:{port}"];
        if (config is not null)
        {
            File.WriteAllText(Path.Combine(dir, "t.json"), config);
            args = [.. args, "--config", Path.Combine(dir, "t.json")];
        }
        var daemon = DaemonProcess.Launch(dir, args, socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        return (daemon, port);
    }

    private static RawClient Tcp(int port) => RawClient.Tcp(new IPEndPoint(IPAddress.Loopback, port));

    private static int OwnUid() => int.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);

    [Fact]
    public void TcpWithoutAuthIsRefusedAndClosed()
    {
        var (daemon, port) = StartTcp();
        using (daemon)
        {
            using var client = Tcp(port);
            var error = client.Call("ping").GetProperty("error");
            Assert.Equal(-32001, error.GetProperty("code").GetInt32());
            Assert.Contains("auth", error.GetProperty("message").GetString());
            Assert.True(client.IsClosedByPeer());
            Assert.True(daemon.WaitForStderr("authentication failed", TimeSpan.FromSeconds(5)), daemon.Stderr);
        }
    }

    [Fact]
    public void WrongTokenIsRefusedSlowlyAndLogged()
    {
        var (daemon, port) = StartTcp();
        using (daemon)
        {
            using var client = Tcp(port);
            var clock = Stopwatch.StartNew();
            var response = client.Call("auth", new { token = "not-the-token" }, id: 7);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"answered after {clock.Elapsed}");
            Assert.Equal(7, response.GetProperty("id").GetInt32());
            Assert.Contains("wrong token", response.GetProperty("error").GetProperty("message").GetString());
            Assert.True(client.IsClosedByPeer());
            Assert.True(daemon.WaitForStderr("wrong token", TimeSpan.FromSeconds(5)), daemon.Stderr);
        }
    }

    [Fact]
    public void GeneratedTokenIsPrivateNamedInTheLogAndOpensTheConnection()
    {
        var (daemon, port) = StartTcp();
        using (daemon)
        {
            var file = daemon.SocketPath + ".token";
            Assert.True(daemon.WaitForStderr(file, TimeSpan.FromSeconds(5)), daemon.Stderr);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var token = File.ReadAllText(file).Trim();
            using var client = Tcp(port);
            // Auth and a request in one write: the request after the auth line is not lost.
            client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"auth\",\"params\":{{\"token\":\"{token}\"}},\"id\":1}}\n{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":2}}\n");
            Assert.True(client.ReadJson().GetProperty("result").GetProperty("authenticated").GetBoolean());
            Assert.True(client.ReadJson().GetProperty("result").GetProperty("pong").GetBoolean());
        }
    }

    [Fact]
    public void ConfiguredTokenIsUsedAndNoFileIsWritten()
    {
        var (daemon, port) = StartTcp("{\"server\":{\"token\":\"s3cret-s3cret-s3cret\"}}");
        using (daemon)
        {
            using var client = Tcp(port);
            Assert.True(client.Result("auth", new { token = "s3cret-s3cret-s3cret" }).GetProperty("authenticated").GetBoolean());
            Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
            Assert.False(File.Exists(daemon.SocketPath + ".token"));
            Assert.DoesNotContain("s3cret", daemon.Stderr);
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"server\":{\"tcp_auth\":\"none\"}}")]
    public void HttpOnTheTcpPortIsRefused(string config)
    {
        var (daemon, port) = StartTcp(config);
        using (daemon)
        {
            using var client = Tcp(port);
            var body = "{\"jsonrpc\":\"2.0\",\"method\":\"goxel.create_project\",\"params\":[\"web\"],\"id\":1}";
            client.Send($"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}\n");
            Assert.StartsWith("HTTP/1.1 403", client.ReadLine());
            Assert.True(client.IsClosedByPeer());
            using var local = daemon.Connect();
            Assert.Equal(0, local.Result("goxel.list_projects").GetProperty("projects").GetArrayLength());
        }
    }

    [Fact]
    public void TcpAuthNoneIsExplicitAndWarned()
    {
        var (daemon, port) = StartTcp("{\"server\":{\"tcp_auth\":\"none\"}}");
        using (daemon)
        {
            using var client = Tcp(port);
            Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
            Assert.True(daemon.WaitForStderr("server.tcp_auth is \"none\"", TimeSpan.FromSeconds(5)), daemon.Stderr);
        }
    }

    [Fact]
    public void ARegularFileAtTheSocketPathIsNeverDeleted()
    {
        var dir = DaemonProcess.NewDirectory();
        var path = Path.Combine(dir, "precious.txt");
        File.WriteAllText(path, "keep me");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", path], path, ownsDirectory: true);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("not a socket", daemon.Stderr);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void AWorldWritableFolderNeedsTheStickyBit()
    {
        var dir = DaemonProcess.NewDirectory();
        var open = Directory.CreateDirectory(Path.Combine(dir, "open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111);
        var socket = Path.Combine(open, "d.sock");
        using (var refused = DaemonProcess.Launch(dir, ["--socket", socket], socket))
        {
            Assert.True(refused.WaitForExit(TimeSpan.FromSeconds(20)));
            Assert.Equal(1, refused.Process.ExitCode);
            Assert.Contains("sticky", refused.Stderr);
        }
        File.SetUnixFileMode(open, (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        using var accepted = DaemonProcess.Launch(dir, ["--socket", socket], socket, ownsDirectory: true);
        accepted.WaitUntilListening();
    }

    [Fact]
    public void AtExitOnlyTheDaemonsOwnSocketIsRemoved()
    {
        using var daemon = DaemonProcess.Start();
        File.Delete(daemon.SocketPath);
        using var other = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        other.Bind(new UnixDomainSocketEndPoint(daemon.SocketPath));
        other.Listen(1);
        daemon.Signal("TERM");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.True(File.Exists(daemon.SocketPath), "the daemon removed a socket it did not create");
    }

    [Fact]
    public void EachUnixClientsUidIsLoggedAndAllowedUidsAreEnforced()
    {
        using (var daemon = DaemonProcess.Start())
        {
            using var client = daemon.Connect();
            Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
            Assert.True(daemon.WaitForStderr($"unix client connected: uid {OwnUid()}", TimeSpan.FromSeconds(5)), daemon.Stderr);
        }
        var dir = DaemonProcess.NewDirectory();
        var other = OwnUid() + 1;
        File.WriteAllText(Path.Combine(dir, "u.json"), $"{{\"server\":{{\"allowed_uids\":[{other}]}}}}");
        var socket = Path.Combine(dir, "u.sock");
        using var strict = DaemonProcess.Launch(dir, ["--socket", socket, "--config", Path.Combine(dir, "u.json")], socket, ownsDirectory: true);
        strict.WaitUntilListening();
        using var refused = strict.Connect();
        Assert.Contains("not allowed", refused.ReadLine());
        Assert.True(refused.IsClosedByPeer());
    }

    [Fact]
    public void IdleConnectionsAreToldAndClosed()
    {
        var dir = DaemonProcess.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "i.json"), "{\"server\":{\"idle_timeout_seconds\":1}}");
        var socket = Path.Combine(dir, "i.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", Path.Combine(dir, "i.json")], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        using var client = daemon.Connect();
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
        var line = client.ReadLine();
        Assert.Contains("Idle timeout", line);
        Assert.True(client.IsClosedByPeer());
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("QUIT")]
    public void SigintAndSigquitStopADaemonStartedWithThemIgnored(string signal)
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "bg.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket], socket, ownsDirectory: true, interruptIgnored: true);
        daemon.WaitUntilListening();
        daemon.Signal(signal);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(5)), $"SIG{signal} did not stop the daemon");
        Assert.Equal(0, daemon.Process.ExitCode);
    }
}
