using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Goxel.Daemon.Tests;

/// <summary>Issues 10 and 11: peers that leave over TCP, and a thousand connections at once.</summary>
public sealed class ConnectionTests
{
    private static (DaemonProcess Daemon, int Port) StartTcp(string limits)
    {
        var port = DaemonProcess.FreePort();
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "c.sock");
        File.WriteAllText(Path.Combine(dir, "c.json"), $"{{\"server\":{{\"tcp_auth\":\"none\"}},\"limits\":{limits}}}");
        var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--tcp", $"127.0.0.1:{port}", "--config", Path.Combine(dir, "c.json")], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        return (daemon, port);
    }

    private static RawClient Tcp(int port) => RawClient.Tcp(new IPEndPoint(IPAddress.Loopback, port));

    [Fact]
    public void ATcpClientThatClosesCancelsItsWork()
    {
        var (daemon, port) = StartTcp("{\"flood_fill_max_voxels\":2000000000}");
        using (daemon)
        {
            using var other = daemon.Connect();
            var id = other.Result("goxel.create_project", CancellationTests.Huge).GetProperty("project_id").GetString()!;
            // A TCP close sends only end of stream, which a half-close sends too: the daemon must
            // still find out that nobody is listening.
            using (var leaving = Tcp(port))
            {
                leaving.Send(CancellationTests.FloodFill(id));
                Thread.Sleep(500);
            }
            CancellationTests.AssertTheAbandonedFillStopped(other, id);
        }
    }

    [Fact]
    public void ATcpClientThatHalfClosesStillGetsItsAnswer()
    {
        // A fill that stops at its cap after a few million cells: long enough to be checked on
        // while it runs, and it ends with an answer of its own (not a cancellation).
        var (daemon, port) = StartTcp("{\"flood_fill_max_voxels\":3000000}");
        using (daemon)
        {
            using var client = Tcp(port);
            var id = client.Result("goxel.create_project", CancellationTests.Huge).GetProperty("project_id").GetString()!;
            client.Send(CancellationTests.FloodFill(id));
            client.ShutdownSend();
            var reply = client.ReadJson();
            Assert.Equal(9, reply.GetProperty("id").GetInt32());
            var message = reply.GetProperty("error").GetProperty("message").GetString()!;
            Assert.DoesNotContain("cancelled", message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("flood_fill_max_voxels", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AThousandConnectionsAreAllAnswered()
    {
        const int Count = 1000;
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"max_connections\":1100}}");
        var before = ConfiguredDaemon.Memory(daemon, "VmRSS");
        var sockets = new List<Socket>(Count);
        try
        {
            for (var i = 0; i < Count; i++)
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified) { ReceiveTimeout = 30_000 };
                sockets.Add(socket);
                socket.Connect(new UnixDomainSocketEndPoint(daemon.SocketPath));
                socket.Send(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":{i}}}\n"));
            }
            // Every connection is open at once, and each gets its own answer.
            var buffer = new byte[4096];
            for (var i = 0; i < Count; i++)
            {
                var line = new StringBuilder();
                while (!line.ToString().EndsWith('\n'))
                {
                    var n = sockets[i].Receive(buffer);
                    Assert.True(n > 0, $"connection {i} was closed: {line}");
                    line.Append(Encoding.UTF8.GetString(buffer, 0, n));
                }
                Assert.Contains($"\"id\":{i}}}", line.ToString(), StringComparison.Ordinal);
                Assert.Contains("\"result\"", line.ToString(), StringComparison.Ordinal);
            }
            // Idle connections cost little each: 104 KiB before their buffers were made small, now
            // about a quarter of that (docs/performance.md); the bound leaves room for a loaded machine.
            var perConnection = (ConfiguredDaemon.Memory(daemon, "VmRSS") - before) / Count;
            Assert.True(perConnection < 64 * 1024, $"{perConnection} bytes of RSS per idle connection");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }
}
