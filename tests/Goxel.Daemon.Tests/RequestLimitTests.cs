using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 12: daemon.timeout_ms bounds every request, daemon.request_queue_size the wait for a busy project.</summary>
public sealed class RequestLimitTests
{
    private const int TimedOut = -1031;
    private const int Busy = -1032;
    private const string Huge = "{\"name\":\"huge\",\"width\":2147483647,\"height\":2147483647,\"depth\":1073741824}";

    [Fact]
    public void ALongFillStopsAtTheTimeoutAndChangesNothing()
    {
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"timeout_ms\":300},\"limits\":{\"flood_fill_max_voxels\":2000000000}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project", Huge);
        var clock = Stopwatch.StartNew();
        var error = client.Error("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}");
        Assert.Equal(TimedOut, error.GetProperty("code").GetInt32());
        Assert.Equal("Request timed out after 300 ms (daemon.timeout_ms); nothing was changed", error.GetProperty("message").GetString());
        // Generous: the fill checks its deadline every 4096 cells, on a loaded machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed}");
        Assert.Equal(0, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt64());
        // Cheap requests are not affected.
        client.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[9,9,9,255]}");
    }

    [Fact]
    public void ALongRenderAndExportStopAtTheTimeout()
    {
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"timeout_ms\":40}}");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        client.Result("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"size_x\":120,\"size_y\":120,\"size_z\":120,\"r\":10,\"g\":200,\"b\":30}");
        var render = client.Error("goxel.render_image", new { width = 8000, height = 8000 });
        Assert.Equal(TimedOut, render.GetProperty("code").GetInt32());
        var path = Path.Combine(daemon.Directory, "sphere.obj");
        var export = client.Error("goxel.export_model", new { path, format = "obj", mesh = "cubes" });
        Assert.Equal(TimedOut, export.GetProperty("code").GetInt32());
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(daemon.Directory, "*.tmp"));
    }

    [Fact]
    public void RequestsPastTheQueueBoundAreBusyAndWaitsEndAtTheTimeout()
    {
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"timeout_ms\":20000,\"request_queue_size\":2}}");
        using var holder = daemon.Connect();
        holder.Result("goxel.create_project");
        // A script holds the project for a while (its own timeout_ms allows it).
        holder.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{\"script\":\"var t = Date.now(); while (Date.now() - t < 4000) {} 1\",\"timeout_ms\":60000},\"id\":5}\n");
        Thread.Sleep(500);
        var clients = Enumerable.Range(0, 5).Select(_ => daemon.Connect()).ToList();
        try
        {
            for (var i = 0; i < clients.Count; i++)
            {
                clients[i].Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"x\":{i},\"y\":0,\"z\":0,\"color\":[1,2,3,255]}},\"id\":{i}}}\n");
                // Let each one join the line before the next comes.
                Thread.Sleep(150);
            }
            var replies = clients.Select(c => c.ReadJson()).ToList();
            var busy = replies.Where(r => r.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == Busy).ToList();
            Assert.Equal(3, busy.Count);
            Assert.Contains("daemon.request_queue_size", busy[0].GetProperty("error").GetProperty("message").GetString());
            Assert.Equal(2, replies.Count(r => r.TryGetProperty("result", out _)));
            Assert.Equal(5, holder.ReadJson().GetProperty("id").GetInt32());
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }

    [Fact]
    public void AWaitForABusyProjectEndsAtTheTimeout()
    {
        using var daemon = ConfiguredDaemon.Start("{\"daemon\":{\"timeout_ms\":500}}");
        using var holder = daemon.Connect();
        holder.Result("goxel.create_project");
        holder.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{\"script\":\"var t = Date.now(); while (Date.now() - t < 4000) {} 1\",\"timeout_ms\":60000},\"id\":5}\n");
        Thread.Sleep(300);
        using var waiter = daemon.Connect();
        var clock = Stopwatch.StartNew();
        var error = waiter.Error("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[1,2,3,255]}");
        Assert.Equal(TimedOut, error.GetProperty("code").GetInt32());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"answered after {clock.Elapsed}");
        Assert.Equal(5, holder.ReadJson().GetProperty("id").GetInt32());
    }

    [Fact]
    public void EveryKeyCanComeFromAGoxelDoubleUnderscoreVariableAboveTheConfigFile()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "c.json");
        File.WriteAllText(config, "{\"daemon\":{\"timeout_ms\":20000},\"limits\":{\"flood_fill_max_voxels\":2000000000}}");
        var socket = Path.Combine(dir, "c.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true,
            environment: new Dictionary<string, string> { ["GOXEL__DAEMON__TIMEOUT_MS"] = "250" });
        daemon.WaitUntilListening();
        using var client = daemon.Connect();
        client.Result("goxel.create_project", Huge);
        var error = client.Error("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}");
        Assert.Equal("Request timed out after 250 ms (daemon.timeout_ms); nothing was changed", error.GetProperty("message").GetString());
    }

    [Fact]
    public void ABadVariableNamesItsKeyAndValue()
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "e.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket], socket, ownsDirectory: true,
            environment: new Dictionary<string, string> { ["GOXEL__DAEMON__REQUEST_QUEUE_SIZE"] = "lots" });
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("environment GOXEL__DAEMON__REQUEST_QUEUE_SIZE: invalid value for 'daemon.request_queue_size': expected an integer, got \"lots\"", daemon.Stderr);
    }

    [Fact]
    public void SighupAppliesANewTimeoutAndQueueSize()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "r.json");
        File.WriteAllText(config, "{\"daemon\":{\"timeout_ms\":20000}}");
        var socket = Path.Combine(dir, "r.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        File.WriteAllText(config, "{\"daemon\":{\"timeout_ms\":400,\"request_queue_size\":0},\"limits\":{\"flood_fill_max_voxels\":2000000000}}");
        daemon.Signal("HUP");
        Assert.True(daemon.WaitForStderr("daemon.timeout_ms: 20000 -> 400", TimeSpan.FromSeconds(10)), daemon.Stderr);
        using var holder = daemon.Connect();
        holder.Result("goxel.create_project", Huge);
        holder.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{\"script\":\"var t = Date.now(); while (Date.now() - t < 3000) {} 1\",\"timeout_ms\":60000},\"id\":5}\n");
        Thread.Sleep(300);
        using var other = daemon.Connect();
        // A queue of 0: a request for a busy project is refused at once.
        Assert.Equal(Busy, other.Error("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[1,2,3,255]}").GetProperty("code").GetInt32());
        Assert.Equal(5, holder.ReadJson().GetProperty("id").GetInt32());
        Assert.Equal(TimedOut, holder.Error("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}").GetProperty("code").GetInt32());
    }
}
