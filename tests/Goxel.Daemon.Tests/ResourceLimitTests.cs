using System.Diagnostics;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 10, resources: caps are checked, over a limit nothing changes and the memory is returned; nothing loops.</summary>
public sealed class ResourceLimitTests
{
    private const int Limit = (1 << 30) - 1;
    private const string Huge = "{\"name\":\"huge\",\"width\":2147483647,\"height\":2147483647,\"depth\":1073741824}";

    private static string IdOf(JsonElement result) => result.GetProperty("project_id").GetString()!;

    [Fact]
    public void PaintOverAHugeRegionStopsAtTheCellCap()
    {
        using var daemon = ConfiguredDaemon.Start("{\"limits\":{\"region_max_cells\":1000}}");
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", new { name = "paint" }));
        client.Result("goxel.procedural_shape", $"{{\"project_id\":\"{id}\",\"shape\":\"cube\",\"size\":20,\"color\":[1,2,3,255]}}");
        var error = client.Error("goxel.paint_voxels",
            $"{{\"project_id\":\"{id}\",\"region\":{{\"min\":[{-Limit},{-Limit},{-Limit}],\"max\":[{Limit},{Limit},{Limit}]}},\"color\":[9,9,9,255]}}");
        Assert.Equal(-32000, error.GetProperty("code").GetInt32());
        Assert.Contains("limits.region_max_cells", error.GetProperty("message").GetString());
        var voxel = client.Result("goxel.get_voxel", $"{{\"project_id\":\"{id}\",\"x\":0,\"y\":0,\"z\":0}}");
        Assert.Equal(1, voxel.GetProperty("color")[0].GetInt32());
        var read = client.Error("goxel.get_voxels_region", $"{{\"project_id\":\"{id}\",\"min\":[-100,-100,-100],\"max\":[100,100,100],\"limit\":0}}");
        Assert.Contains("limits.region_max_cells", read.GetProperty("message").GetString());
    }

    [Fact]
    public void FloodFillInAHugeProjectStaysCompact()
    {
        using var daemon = ConfiguredDaemon.Start("{\"limits\":{\"flood_fill_max_voxels\":2000000}}");
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", Huge));
        var before = ConfiguredDaemon.Memory(daemon, "VmRSS");
        var error = client.Error("goxel.flood_fill", $"{{\"project_id\":\"{id}\",\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}}");
        Assert.Equal(-1010, error.GetProperty("code").GetInt32());
        Assert.Contains("limits.flood_fill_max_voxels", error.GetProperty("message").GetString());
        var peak = ConfiguredDaemon.Memory(daemon, "VmHWM");
        Assert.True(peak - before < 1L << 30, $"peak RSS grew by {(peak - before) >> 20} MB");
        Assert.Equal(0, client.Result("goxel.get_project_info", $"{{\"project_id\":\"{id}\"}}").GetProperty("voxel_count").GetInt64());
    }

    [Fact]
    public void OverTheMemoryBudgetNothingChangesAndMemoryIsReturned()
    {
        using var daemon = ConfiguredDaemon.Start("{\"limits\":{\"memory_mb\":24,\"flood_fill_max_voxels\":100000000}}");
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", Huge));
        var before = ConfiguredDaemon.Memory(daemon, "VmRSS");
        var error = client.Error("goxel.flood_fill", $"{{\"project_id\":\"{id}\",\"x\":0,\"y\":0,\"z\":5,\"color\":[1,2,3,255]}}");
        Assert.Contains("limits.memory_mb", error.GetProperty("message").GetString());
        Assert.Equal(0, client.Result("goxel.get_project_info", $"{{\"project_id\":\"{id}\"}}").GetProperty("voxel_count").GetInt64());
        var after = ConfiguredDaemon.Memory(daemon, "VmRSS");
        Assert.True(after < before + (64L << 20), $"RSS {before >> 20} MB before, {after >> 20} MB after");
    }

    [Theory]
    [InlineData("obj")]
    [InlineData("stl")]
    [InlineData("glb")]
    [InlineData("ply")]
    public void ExportAtTheEdgeOfTheRangeAnswers(string format)
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", new { name = "edge" }));
        client.Result("goxel.add_voxel", $"{{\"project_id\":\"{id}\",\"x\":{Limit},\"y\":{Limit},\"z\":{Limit}}}");
        client.Result("goxel.add_voxel", $"{{\"project_id\":\"{id}\",\"x\":{-Limit},\"y\":{-Limit},\"z\":{-Limit}}}");
        var path = Path.Combine(daemon.Directory, "edge." + format);
        var clock = Stopwatch.StartNew();
        client.Result("goxel.export_model", $"{{\"project_id\":\"{id}\",\"path\":{RawClient.Quote(path)},\"format\":\"{format}\"}}");
        Assert.True(File.Exists(path));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"export took {clock.Elapsed}");
    }

    [Fact]
    public void SaveThatCouldNotBeReadBackIsRefusedBeforeWriting()
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", new { name = "far" }));
        client.Result("goxel.add_voxel", $"{{\"project_id\":\"{id}\",\"x\":{1 << 25},\"y\":0,\"z\":0}}");
        var vox = Path.Combine(daemon.Directory, "far.vox");
        var error = client.Error("goxel.export_model", $"{{\"project_id\":\"{id}\",\"path\":{RawClient.Quote(vox)},\"format\":\"vox\"}}");
        Assert.Contains("would not load back", error.GetProperty("message").GetString());
        Assert.False(File.Exists(vox));

        // .gox holds the whole valid range, and what it saves loads.
        client.Result("goxel.add_voxel", $"{{\"project_id\":\"{id}\",\"x\":{Limit},\"y\":{-Limit},\"z\":{Limit}}}");
        var gox = Path.Combine(daemon.Directory, "far.gox");
        client.Result("goxel.save_project", $"{{\"project_id\":\"{id}\",\"path\":{RawClient.Quote(gox)}}}");
        var loaded = IdOf(client.Result("goxel.load_project", $"{{\"path\":{RawClient.Quote(gox)}}}"));
        Assert.True(client.Result("goxel.get_voxel", $"{{\"project_id\":\"{loaded}\",\"x\":{Limit},\"y\":{-Limit},\"z\":{Limit}}}").GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void ScriptHostCallsAreBoundedByTheCapAndTheDeadline()
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        var id = IdOf(client.Result("goxel.create_project", new { name = "script" }));
        var clock = Stopwatch.StartNew();
        var result = client.Result("goxel.execute_script",
            $"{{\"project_id\":\"{id}\",\"timeout_ms\":2000,\"script\":\"goxel.fillBox(-1073741823,-1073741823,-1073741823,1073741823,1073741823,1073741823,[1,2,3,255])\"}}");
        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Contains("limits.", result.GetProperty("message").GetString());
        // Many calls, each within the cap, still stop at the script's memory cap or time limit.
        var looped = client.Call("goxel.execute_script",
            $"{{\"project_id\":\"{id}\",\"timeout_ms\":3000,\"script\":\"for (;;) goxel.fillBox(0,0,0,255,255,255,[1,2,3,255]);\"}}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.True(looped.TryGetProperty("error", out _) || !looped.GetProperty("result").GetProperty("success").GetBoolean(), looped.ToString());
        Assert.Equal(0, client.Result("goxel.get_project_info", $"{{\"project_id\":\"{id}\"}}").GetProperty("voxel_count").GetInt64());
    }
}
