using System.Diagnostics;

namespace Goxel.Daemon.Tests;

/// <summary>execute_script runs in the AOT daemon (Jint under NativeAOT) against the RPC project.</summary>
public sealed class ScriptTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [Fact]
    public void ScriptEditsTheSameProjectAsRpc()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[1,2,3,255]}");
        var script = "var c = goxel.getVoxel(0,0,0); goxel.setVoxel(1,0,0,[c[0]+10,c[1],c[2],255]);"
                     + "goxel.fillBox(0,5,0,2,6,1,'#FF0000'); var id = goxel.addLayer('scripted'); goxel.setVoxel(9,9,9,[0,0,255]);"
                     + "goxel.log('layers', goxel.layers().length); goxel.log('one string'); ({count: goxel.voxelCount(), layer: id})";
        var result = s.Result("goxel.execute_script", $"{{\"script\":{RawClient.Quote(script)}}}");
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal(0, result.GetProperty("code").GetInt32());
        Assert.Equal("{\"count\":15,\"layer\":2}", result.GetProperty("result").GetRawText());
        Assert.Equal("layers 2", result.GetProperty("output")[0].GetString());
        Assert.Equal("one string", result.GetProperty("output")[1].GetString());
        Assert.Equal("[11,2,3,255]", s.Result("goxel.get_voxel", "{\"x\":1,\"y\":0,\"z\":0,\"layer_id\":1}").GetProperty("color").GetRawText());
        Assert.Equal(2, s.Result("goxel.list_layers").GetProperty("count").GetInt32());
        Assert.True(s.Result("goxel.get_voxel", "{\"x\":9,\"y\":9,\"z\":9}").GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void ScriptErrorIsAResultAndChangesNothing()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var result = s.Result("goxel.execute_script", "{\"script\":\"goxel.setVoxel(1,1,1,[1,1,1]); throw new Error('boom');\"}");
        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal(-1, result.GetProperty("code").GetInt32());
        Assert.Contains("boom", result.GetProperty("message").GetString());
        Assert.False(s.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1}").GetProperty("exists").GetBoolean());
        var syntax = s.Result("goxel.execute_script", "{\"script\":\"this is not javascript\"}");
        Assert.False(syntax.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void RunawayScriptTimesOutAndLaterScriptsRun()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var clock = Stopwatch.StartNew();
        var error = s.Error("goxel.execute_script", "{\"script\":\"goxel.setVoxel(2,2,2,[1,1,1]); while(true){}\",\"timeout_ms\":300}");
        Assert.Equal(-32603, error.GetProperty("code").GetInt32());
        Assert.Equal("Script execution timeout", error.GetProperty("message").GetString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        Assert.False(s.Result("goxel.get_voxel", "{\"x\":2,\"y\":2,\"z\":2}").GetProperty("exists").GetBoolean());
        var next = s.Result("goxel.execute_script", "{\"script\":\"1 + 1\"}");
        Assert.Equal("2", next.GetProperty("result").GetRawText());
    }

    [Fact]
    public void ScriptTooDeepForTheStackFailsAsAResult()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var result = s.Result("goxel.execute_script", $"{{\"script\":\"{new string('(', 20000)}1{new string(')', 20000)}\"}}");
        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Contains("stack", result.GetProperty("message").GetString());
    }

    [Fact]
    public void WhatAScriptAllocatesIsNotTheDaemons()
    {
        // Scripts run in a goxel-script process: one that fills its 256 MB cap leaves the daemon small.
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        var id = client.Result("goxel.create_project", "{}").GetProperty("project_id").GetString();
        var result = client.Result("goxel.execute_script",
            $"{{\"project_id\":\"{id}\",\"timeout_ms\":60000,\"script\":\"var a = []; for (;;) a.push(new Array(100000).fill(1))\"}}");
        Assert.Contains("limited to", result.GetProperty("message").GetString());
        var rss = ConfiguredDaemon.Memory(daemon, "VmRSS");
        Assert.True(rss < 64 << 20, $"daemon VmRSS {rss >> 20} MB after the script");
    }

    [Fact]
    public void ScriptParamErrors()
    {
        using var s = new ProjectScope(fixture.Daemon);
        Assert.Equal("Must specify either 'script' (code) or 'path' parameter", s.Error("goxel.execute_script").GetProperty("message").GetString());
        Assert.Equal(-32602, s.Error("goxel.execute_script", "{\"path\":\"/no/such/file.js\"}").GetProperty("code").GetInt32());
    }

    [Fact]
    public void ScriptFromAFile()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var path = Path.Combine(fixture.Daemon.Directory, "s.js");
        File.WriteAllText(path, "goxel.setVoxel(4,4,4,[9,9,9]); 'done'");
        var result = s.Result("goxel.execute_script", $"{{\"path\":{RawClient.Quote(path)}}}");
        Assert.Equal("\"done\"", result.GetProperty("result").GetRawText());
    }
}
