using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The hand-composed start and stop: systemd readiness, SIGQUIT, the JSON log's state.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public void SystemdHearsReadyOnceListeningAndStoppingOnSigterm()
    {
        var dir = DaemonProcess.NewDirectory();
        var notify = Path.Combine(dir, "notify.sock");
        using var manager = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        manager.Bind(new UnixDomainSocketEndPoint(notify));
        manager.ReceiveTimeout = 20_000;
        var socket = Path.Combine(dir, "d.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket], socket, environment: new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify });

        Assert.Equal("READY=1", Receive(manager));
        // Ready is sent once the socket accepts.
        using (var client = RawClient.Unix(socket)) client.Result("ping");
        daemon.Signal("TERM");
        Assert.Equal("STOPPING=1", Receive(manager));
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, daemon.Process.ExitCode);
    }

    [Fact]
    public void SigquitStops()
    {
        using var daemon = DaemonProcess.Start();
        daemon.Signal("QUIT");
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, daemon.Process.ExitCode);
        Assert.False(File.Exists(daemon.SocketPath));
    }

    [Fact]
    public void JsonLogKeepsTheMessageTemplateAndTypedValues()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "daemon.json");
        File.WriteAllText(config, "{\"monitoring\":{\"log_format\":\"json\",\"metrics_interval_ms\":100}}");
        var socket = Path.Combine(dir, "d.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        Assert.True(daemon.WaitForStderr("metrics: uptime", TimeSpan.FromSeconds(10)), daemon.Stderr);
        var line = daemon.Stderr.Split('\n').First(l => l.Contains("metrics: uptime", StringComparison.Ordinal));
        using var entry = JsonDocument.Parse(line);
        var state = entry.RootElement.GetProperty("State");
        Assert.Equal(JsonValueKind.Number, state.GetProperty("Requests").ValueKind);
        Assert.StartsWith("metrics: uptime {Uptime:F0} s", state.GetProperty("{OriginalFormat}").GetString());
        Assert.Equal("Goxel.Daemon.Monitoring.MetricsLine", entry.RootElement.GetProperty("Category").GetString());
    }

    private static string Receive(Socket manager)
    {
        var buffer = new byte[256];
        var n = manager.Receive(buffer);
        return Encoding.ASCII.GetString(buffer, 0, n);
    }
}
