using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>performance.render_cache_size, block_cache_size, cache_size_mb and gc_threshold_mb, at the wire.</summary>
public sealed class RenderCacheTests
{
    private static JsonElement Cache(RawClient client) => client.Result("goxel.get_render_stats").GetProperty("cache");

    private static long Number(RawClient client, string name) => Cache(client).GetProperty(name).GetInt64();

    /// <summary>A sphere of one colour: its surface blocks are palettes or lists, which the block cache keeps decoded.</summary>
    private static void Sphere(RawClient client, int size) =>
        client.Result("goxel.procedural_shape", $"{{\"shape_type\":\"sphere\",\"size_x\":{size},\"size_y\":{size},\"size_z\":{size},\"r\":10,\"g\":200,\"b\":30}}");

    [Fact]
    public void IdenticalRenderOfAnUnchangedProjectIsAnsweredFromTheCacheWithTheSameBytesAndFiles()
    {
        using var daemon = ConfiguredDaemon.Start("""{ "performance": { "render_cache_size": 8, "block_cache_size": 0 } }""");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Sphere(client, 24);
        var request = new { width = 120, height = 80, camera = "isometric" };
        var first = client.Result("goxel.render_image", request).GetProperty("image_data").GetString();
        Assert.Equal((0L, 1L), (Number(client, "render_hits"), Number(client, "render_misses")));
        Assert.Equal(first, client.Result("goxel.render_image", request).GetProperty("image_data").GetString());
        Assert.Equal(1L, Number(client, "render_hits"));

        // render_scene with the same picture: a hit that still writes its file, byte for byte.
        var path = Path.Combine(daemon.Directory, "scene.png");
        client.Result("goxel.render_scene", new { output_path = path, width = 120, height = 80, camera = "isometric" });
        Assert.Equal(Convert.FromBase64String(first!), File.ReadAllBytes(path));
        var stored = client.Result("goxel.render_scene", new { width = 120, height = 80, camera = "isometric", options = new { return_mode = "file_path" } })
            .GetProperty("file");
        var archived = stored.GetProperty("path").GetString()!;
        Assert.Equal(Convert.FromBase64String(first!), File.ReadAllBytes(archived));
        client.Result("goxel.cleanup_render", new { path = archived });
        Assert.Equal((3L, 1L), (Number(client, "render_hits"), Number(client, "render_misses")));

        // An edit changes the project: drawn again, and the picture shows it.
        client.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":30,\"color\":[255,0,0,255]}");
        Assert.NotEqual(first, client.Result("goxel.render_image", request).GetProperty("image_data").GetString());
        Assert.Equal(2L, Number(client, "render_misses"));
        Assert.True(Number(client, "bytes") > 0);
    }

    [Fact]
    public void RenderCacheSizeZeroDrawsEveryTime()
    {
        using var daemon = ConfiguredDaemon.Start("""{ "performance": { "render_cache_size": 0 } }""");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Sphere(client, 12);
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        Assert.Equal((0L, 0L, 0L), (Number(client, "render_hits"), Number(client, "render_misses"), Number(client, "render_entries")));
    }

    [Fact]
    public void BlocksAnEditDidNotTouchAreReusedByTheNextRender()
    {
        using var daemon = ConfiguredDaemon.Start("""{ "performance": { "render_cache_size": 0, "block_cache_size": 100000 } }""");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Sphere(client, 40);
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        var blocks = Number(client, "block_misses");
        Assert.True(blocks > 8, $"{blocks} blocks");
        Assert.Equal(0L, Number(client, "block_hits"));
        client.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[255,0,0,255]}");
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        // The written block is a new object: one miss; every other block was reused.
        Assert.Equal((blocks - 1, blocks + 1), (Number(client, "block_hits"), Number(client, "block_misses")));
    }

    [Fact]
    public void BlockCacheSizeZeroKeepsNoBlocks()
    {
        using var daemon = ConfiguredDaemon.Start("""{ "performance": { "block_cache_size": 0 } }""");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Sphere(client, 40);
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        client.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[255,0,0,255]}");
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        Assert.Equal((0L, 0L, 0L), (Number(client, "block_hits"), Number(client, "block_misses"), Number(client, "block_entries")));
    }

    [Fact]
    public void CacheSizeBoundsBothCachesAndReloads()
    {
        var dir = DaemonProcess.NewDirectory();
        var config = Path.Combine(dir, "cache.json");
        File.WriteAllText(config, """{ "performance": { "cache_size_mb": 1, "render_cache_size": 100, "block_cache_size": 100000 } }""");
        var socket = Path.Combine(dir, "c.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--config", config], socket, ownsDirectory: true);
        daemon.WaitUntilListening();
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        // Over 100 surface blocks of 16 KiB decoded: more than 1 MiB if nothing bounded it.
        Sphere(client, 100);
        for (var width = 64; width < 74; width++) client.Result("goxel.render_image", new { width, height = 64 });
        Assert.Equal(1L << 20, Number(client, "max_bytes"));
        var bytes = Number(client, "bytes");
        Assert.InRange(bytes, 1, 1L << 20);
        Assert.True(Number(client, "block_misses") > 100);

        File.WriteAllText(config, """{ "performance": { "cache_size_mb": 0, "render_cache_size": 100, "block_cache_size": 100000 } }""");
        daemon.Signal("HUP");
        Assert.True(daemon.WaitForStderr("SIGHUP: reloaded", TimeSpan.FromSeconds(10)), daemon.Stderr);
        client.Result("goxel.render_image", new { width = 80, height = 64 });
        Assert.Equal((0L, 0L), (Number(client, "max_bytes"), Number(client, "bytes")));
    }

    [Fact]
    public void PastTheGcThresholdCachesAndOldestUndoStepsAreDroppedAndLogged()
    {
        // 1 MB is below any daemon's heap: every tick finds it passed.
        using var daemon = ConfiguredDaemon.Start("""{ "performance": { "gc_threshold_mb": 1, "render_cache_size": 8 } }""");
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        client.Result("goxel.render_image", new { width = 64, height = 64 });
        for (var i = 0; i < 5; i++)
            client.Result("goxel.procedural_shape", $"{{\"shape_type\":\"cube\",\"size_x\":40,\"size_y\":40,\"size_z\":40,\"r\":{i * 40},\"g\":200,\"b\":30}}");
        // Trimmed within a few ticks (a tick skips a project a request holds).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement info;
        while ((info = client.Result("goxel.get_project_info")).GetProperty("undo_steps").GetInt32() == 5)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), info + daemon.Stderr);
            Thread.Sleep(100);
        }
        Assert.True(daemon.WaitForStderr("undo steps", TimeSpan.FromSeconds(5)), daemon.Stderr);
        Assert.Contains("passed performance.gc_threshold_mb", daemon.Stderr);
        Assert.Equal((0L, 0L), (Number(client, "render_entries"), Number(client, "block_entries")));
        // The newest state is untouched.
        Assert.Equal(64000, info.GetProperty("voxel_count").GetInt64());
    }
}
