using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 10: a running script does not lock readers out; they see the last committed state.</summary>
public sealed class ScriptReadabilityTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [Fact]
    public void ReadsAndRendersAnswerWhileAScriptRuns()
    {
        using var scope = new ProjectScope(fixture.Daemon);
        scope.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[10,20,30,255]}");
        using var scripting = fixture.Daemon.Connect();
        // Paints the voxel, then spins until its time limit: nothing of it may be seen, and it is rolled back.
        scripting.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.execute_script\",\"params\":{{\"project_id\":\"{scope.Id}\",\"timeout_ms\":4000,"
            + "\"script\":\"goxel.setVoxel(1,1,1,[200,0,0,255]); for (;;) {}\"},\"id\":7}\n");
        Thread.Sleep(500);

        var reads = new TimeSpan[5];
        for (var i = 0; i < reads.Length; i++)
        {
            var started = Stopwatch.StartNew();
            var voxel = scope.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
            reads[i] = started.Elapsed;
            Assert.Equal(10, voxel.GetProperty("color")[0].GetInt32());
        }
        Array.Sort(reads);
        var read = reads[reads.Length / 2];
        var clock = Stopwatch.StartNew();
        Assert.Equal(1, scope.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt64());
        var render = scope.Result("goxel.render_scene", "{\"width\":32,\"height\":32}");
        var rendered = clock.Elapsed;
        Assert.True(render.GetProperty("success").GetBoolean());
        // 10 ms is the promise (`scripts/bench script-reads` measures it); the median of five reads
        // gets a margin for a loaded test machine, still far below the script's 4 s.
        Assert.True(read < TimeSpan.FromMilliseconds(250), $"get_voxel took {read.TotalMilliseconds:F0} ms (median of 5; all: {string.Join(", ", reads.Select(r => r.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))})");
        Assert.True(rendered < TimeSpan.FromMilliseconds(2500), $"info and render waited {rendered.TotalMilliseconds:F0} ms");

        var reply = scripting.ReadJson();
        Assert.Equal(7, reply.GetProperty("id").GetInt32());
        Assert.Equal(10, scope.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1}").GetProperty("color")[0].GetInt32());
    }
}
