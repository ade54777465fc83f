namespace Goxel.Daemon.Tests;

/// <summary>SIGHUP swaps in a new settings record: reloadable keys change behaviour, flags keep precedence.</summary>
public sealed class ReloadTests
{
    private static void Reload(DaemonProcess daemon, int times)
    {
        daemon.Signal("HUP");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (CountOf(daemon.Stderr, "SIGHUP: reloaded") < times)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"no reload logged: {daemon.Stderr}");
            Thread.Sleep(20);
        }
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void ReloadAppliesLimitsFileRootsAndRenderSizes()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "reload.json");
        var inside = Directory.CreateDirectory(Path.Combine(dir, "inside")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(dir, "outside")).FullName;
        File.WriteAllText(config, $$"""
            { "limits": { "max_projects": 1 }, "files": { "allowed_roots": [{{RawClient.Quote(inside)}}] },
              "render": { "max_width": 32 } }
            """);
        var socket = Path.Combine(dir, "r.sock");
        // Memory-only: with storage, limits.max_projects bounds projects in memory, not projects that exist.
        using var configured = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config, "--data-dir", ""], socket, ownsDirectory: true);
        configured.WaitUntilListening();
        using var client = configured.Connect();
        client.Result("goxel.create_project", "[\"one\"]");
        client.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[1,2,3,255]}");
        Assert.Contains("Too many open projects", client.Error("goxel.create_project", "[\"two\"]").GetProperty("message").GetString());
        var target = Path.Combine(outside, "p.gox");
        client.Error("goxel.save_project", new { path = target });
        client.Error("goxel.render_image", new { width = 64, height = 32 });

        File.WriteAllText(config, $$"""
            { "limits": { "max_projects": 2 }, "files": { "allowed_roots": [{{RawClient.Quote(inside)}}, {{RawClient.Quote(outside)}}] },
              "render": { "max_width": 128 } }
            """);
        Reload(configured, 1);
        Assert.Contains("limits.max_projects: 1 -> 2", configured.Stderr);
        client.Result("goxel.save_project", new { path = target });
        Assert.True(File.Exists(target));
        client.Result("goxel.render_image", new { width = 64, height = 32 });
        client.Result("goxel.create_project", "[\"two\"]");
    }

    [Fact]
    public void CommandLineFlagsKeepTheirPrecedenceAfterReload()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "m.json");
        File.WriteAllText(config, "{\"daemon\":{\"max_connections\":256}}");
        var socket = Path.Combine(dir, "m.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config, "-m", "1"], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        Reload(daemon, 1);
        Reload(daemon, 2);
        using var first = daemon.ConnectWhenSlotFree();
        using var second = daemon.Connect();
        Assert.Contains("Too many connections: the limit is 1", second.ReadLine());
    }

    [Fact]
    public void KeysThatNeedARestartAreLoggedAndKept()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "s.json");
        File.WriteAllText(config, "{}");
        var socket = Path.Combine(dir, "s.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        File.WriteAllText(config, $"{{\"server\":{{\"protocol\":\"mcp\"}},\"monitoring\":{{\"slow_request_threshold_ms\":5}}}}");
        Reload(daemon, 1);
        Assert.Contains("server.protocol: Auto -> Mcp needs a restart", daemon.Stderr);
        Assert.Contains("monitoring.slow_request_threshold_ms: 0 -> 5", daemon.Stderr);
        using var client = daemon.Connect();
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void ABadValueOnReloadKeepsTheRunningSettings()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "b.json");
        File.WriteAllText(config, "{\"limits\":{\"max_projects\":1}}");
        var socket = Path.Combine(dir, "b.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config, "--data-dir", ""], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        File.WriteAllText(config, "{\"limits\":{\"max_projects\":\"many\"}}");
        daemon.Signal("HUP");
        Assert.True(daemon.WaitForStderr("invalid value for 'limits.max_projects': expected an integer, got \"many\"", TimeSpan.FromSeconds(10)), daemon.Stderr);
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        client.Error("goxel.create_project");
    }
}
