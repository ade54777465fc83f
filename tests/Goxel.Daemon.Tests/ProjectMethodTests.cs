using System.Text.Json;

namespace Goxel.Daemon.Tests;

public sealed class ProjectMethodTests : IDisposable
{
    private readonly DaemonProcess _daemon = DaemonProcess.Start();

    public void Dispose() => _daemon.Dispose();

    [Fact]
    public void SeedGuideNamesAnswer()
    {
        using var client = _daemon.Connect();
        Assert.Equal("daemon", client.Result("goxel.get_version").GetProperty("type").GetString());
        Assert.True(client.Result("goxel.ping").GetProperty("pong").GetBoolean());
        Assert.Equal("running", client.Result("goxel.get_daemon_status").GetProperty("status").GetString());
    }

    [Fact]
    public void ProjectInfoListAndClose()
    {
        using var client = _daemon.Connect();
        var a = client.Result("goxel.create_project", new { name = "a" }).GetProperty("project_id").GetString();
        var b = client.Result("goxel.create_project", new { name = "b" }).GetProperty("project_id").GetString();
        client.Result("goxel.add_voxel", new { x = 3, y = 4, z = 5 });
        var info = client.Result("goxel.get_project_info");
        Assert.Equal(b, info.GetProperty("project_id").GetString());
        Assert.Equal("b", info.GetProperty("name").GetString());
        Assert.Equal(1, info.GetProperty("layer_count").GetInt32());
        Assert.Equal(1, info.GetProperty("voxel_count").GetInt32());
        Assert.Equal("{\"min\":[3,4,5],\"max\":[3,4,5],\"dimensions\":[1,1,1]}", info.GetProperty("bounding_box").GetRawText());
        Assert.True(info.GetProperty("memory_bytes").GetInt64() > 0);
        // One voxel added: one undo step holding the block's creation, counted in memory_bytes too.
        Assert.InRange(info.GetProperty("undo_bytes").GetInt64(), 1, info.GetProperty("memory_bytes").GetInt64() - 1);
        Assert.Equal(JsonValueKind.Null, client.Result("goxel.get_project_info", new { project_id = a }).GetProperty("bounding_box").ValueKind);

        var list = client.Result("goxel.list_projects");
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        Assert.False(list.GetProperty("projects")[0].GetProperty("current").GetBoolean());
        Assert.True(list.GetProperty("projects")[1].GetProperty("current").GetBoolean());

        Assert.True(client.Result("goxel.close_project", new { project_id = b }).GetProperty("success").GetBoolean());
        Assert.Equal(1, client.Result("goxel.list_projects").GetProperty("count").GetInt32());
        var noCurrent = client.Error("goxel.add_voxel", new { x = 1, y = 1, z = 1 });
        Assert.Contains("no project is open", noCurrent.GetProperty("message").GetString());
        client.Result("goxel.add_voxel", new { x = 1, y = 1, z = 1, project_id = a });
        Assert.Equal(-32602, client.Error("goxel.close_project", new { project_id = "zzz" }).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task TwoConnectionsEditingTwoProjectsNeverInterfere()
    {
        using var setup = _daemon.Connect();
        var ids = new[] { "left", "right" }.Select(n => setup.Result("goxel.create_project", new { name = n }).GetProperty("project_id").GetString()!).ToArray();
        var workers = ids.Select((id, k) => Task.Run(async () =>
        {
            using var client = _daemon.Connect();
            // A pipelining client must read while it writes: the daemon stops reading while its
            // answers wait for room in this client's receive buffer.
            var sending = Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                    client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{id}\",\"x\":{i % 50},\"y\":{i / 50},\"z\":{k},\"color\":[{k * 100},{i % 256},7,255]}},\"id\":{i}}}\n");
            });
            for (var i = 0; i < 2000; i++) Assert.Equal(i, client.ReadJson().GetProperty("id").GetInt32());
            await sending;
        })).ToArray();
        await Task.WhenAll(workers);
        for (var k = 0; k < 2; k++)
        {
            var info = setup.Result("goxel.get_project_info", new { project_id = ids[k] });
            Assert.Equal(2000, info.GetProperty("voxel_count").GetInt32());
            var colours = setup.Result("goxel.get_voxels_region", $"{{\"project_id\":\"{ids[k]}\",\"min\":[-100,-100,-100],\"max\":[100,100,100],\"limit\":0}}");
            foreach (var voxel in colours.GetProperty("voxels").EnumerateArray())
            {
                Assert.Equal(k, voxel.GetProperty("z").GetInt32());
                Assert.Equal(k * 100, voxel.GetProperty("color")[0].GetInt32());
            }
        }
    }

    /// <summary>Memory-only, max_projects bounds the projects that exist (with storage it bounds memory: DurabilityTests).</summary>
    [Fact]
    public void OpenProjectsAreBoundedWhenMemoryOnly()
    {
        var dir = DaemonProcess.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "limits.json"), "{\"limits\":{\"max_projects\":2}}");
        using var daemon = DaemonProcess.Start("--config", Path.Combine(dir, "limits.json"), "--data-dir", "");
        using var client = daemon.Connect();
        var first = client.Result("goxel.create_project").GetProperty("project_id").GetString();
        client.Result("goxel.create_project");
        Assert.Contains("Too many open projects", client.Error("goxel.create_project").GetProperty("message").GetString());
        client.Result("goxel.close_project", new { project_id = first });
        client.Result("goxel.create_project");
    }
}
