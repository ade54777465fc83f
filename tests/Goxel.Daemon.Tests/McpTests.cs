using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The original's MCP translation (spec 5.10), with arrays kept and colours honoured.</summary>
public sealed class McpTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [Fact]
    public void ToolCallsRunOnTheSameSocketInAutoMode()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"tool\":\"goxel_create_project\",\"arguments\":{\"name\":\"mcp\"}}\n");
        var created = client.ReadJson();
        Assert.True(created.GetProperty("success").GetBoolean());
        Assert.Equal("mcp", created.GetProperty("content").GetProperty("name").GetString());

        client.Send("{\"tool\":\"goxel_add_voxels\",\"arguments\":{\"position\":{\"x\":1,\"y\":2,\"z\":3},\"color\":{\"r\":255,\"g\":0,\"b\":0,\"a\":255}}}\n");
        var added = client.ReadJson();
        Assert.Equal("[255,0,0,255]", added.GetProperty("content").GetProperty("color").GetRawText());

        client.Send("{\"tool\":\"goxel_get_voxel\",\"arguments\":{\"position\":{\"x\":1,\"y\":2,\"z\":3}}}\n");
        Assert.Equal("[255,0,0,255]", client.ReadJson().GetProperty("content").GetProperty("color").GetRawText());

        client.Send("{\"tool\":\"goxel_add_voxels\",\"arguments\":{\"voxels\":[[5,5,5,0,255,0,255],[6,5,5,0,255,0,255]]}}\n");
        Assert.Equal(2, client.ReadJson().GetProperty("content").GetProperty("count").GetInt32());

        client.Send("{\"tool\":\"goxel_list_layers\"}\n");
        var layers = client.ReadJson().GetProperty("content").GetProperty("layers");
        Assert.Equal(1, layers.GetArrayLength());

        // JSON-RPC still works on the same connection.
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void UnknownToolAndFailuresGetErrorReplies()
    {
        using var client = fixture.Daemon.Connect();
        client.Send("{\"tool\":\"goxel_teleport\",\"arguments\":{}}\n");
        var unknown = client.ReadJson();
        Assert.False(unknown.GetProperty("success").GetBoolean());
        Assert.Equal(-1001, unknown.GetProperty("error_code").GetInt32());
        Assert.Contains("goxel_teleport", unknown.GetProperty("error_message").GetString());

        client.Send("{\"tool\":\"goxel_delete_layer\",\"arguments\":{}}\n");
        Assert.Equal(-1002, client.ReadJson().GetProperty("error_code").GetInt32());
    }

    [Fact]
    public void EveryToolOfTheTableIsKnown()
    {
        using var client = fixture.Daemon.Connect();
        foreach (var tool in new[] { "goxel_create_project", "goxel_save_file", "goxel_export_file", "goxel_render_scene", "goxel_open_file",
                     "goxel_get_voxel", "goxel_add_voxels", "goxel_remove_voxels", "goxel_paint_voxels", "goxel_flood_fill",
                     "goxel_procedural_shape", "goxel_batch_voxel_operations", "goxel_new_layer", "goxel_delete_layer",
                     "goxel_list_layers", "goxel_merge_layers", "goxel_set_layer_visibility", "ping", "version", "list_methods" })
        {
            client.Send($"{{\"tool\":\"{tool}\",\"arguments\":{{}}}}\n");
            var reply = client.ReadJson();
            if (!reply.GetProperty("success").GetBoolean()) Assert.NotEqual(-1001, reply.GetProperty("error_code").GetInt32());
        }
    }

    [Fact]
    public void McpOnlyModeAnswersEverythingAsTools()
    {
        using var daemon = DaemonProcess.Start("--protocol", "mcp");
        using var client = daemon.Connect();
        client.Send("{\"tool\":\"ping\"}\n");
        Assert.True(client.ReadJson().GetProperty("content").GetProperty("pong").GetBoolean());
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"id\":1}\n");
        Assert.Equal(-1001, client.ReadJson().GetProperty("error_code").GetInt32());
        client.Send("not json\n");
        Assert.False(client.ReadJson().GetProperty("success").GetBoolean());
    }

    [Fact]
    public void JsonRpcOnlyModeRejectsToolCalls()
    {
        using var daemon = DaemonProcess.Start("--protocol", "jsonrpc");
        using var client = daemon.Connect();
        client.Send("{\"tool\":\"ping\"}\n");
        Assert.Equal(-32600, client.ReadJson().GetProperty("error").GetProperty("code").GetInt32());
    }
}
