using System.Text.Json;

namespace Goxel.Daemon.Tests;

public sealed class LayerMethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static int Code(JsonElement error) => error.GetProperty("code").GetInt32();

    [Fact]
    public void CreateLayerSucceedsAndListLayersIsReal()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var created = s.Result("goxel.create_layer", "{\"name\":\"Detail\",\"r\":10,\"g\":20,\"b\":30,\"visible\":false}");
        Assert.True(created.GetProperty("success").GetBoolean());
        Assert.Equal(2, created.GetProperty("layer_id").GetInt32());
        Assert.Equal("[10,20,30]", created.GetProperty("color").GetRawText());
        var list = s.Result("goxel.list_layers");
        Assert.Equal(2, list.GetProperty("count").GetInt32());
        var layers = list.GetProperty("layers");
        Assert.Equal("{\"id\":1,\"name\":\"Layer 1\",\"visible\":true,\"voxel_count\":0,\"active\":false}", layers[0].GetRawText());
        Assert.Equal("{\"id\":2,\"name\":\"Detail\",\"visible\":false,\"color\":[10,20,30],\"voxel_count\":0,\"active\":true}", layers[1].GetRawText());
    }

    [Fact]
    public void ListLayersWithoutAProjectListsNone()
    {
        using var daemon = DaemonProcess.Start();
        using var client = daemon.Connect();
        Assert.Equal("{\"count\":0,\"layers\":[]}", client.Result("goxel.list_layers").GetRawText());
        Assert.Contains("nope", client.Error("goxel.list_layers", "{\"project_id\":\"nope\"}").GetProperty("message").GetString());
    }

    [Fact]
    public void CreateLayerPositionalDefaultsAndColourCheck()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"layers\"]");
        var created = client.Result("goxel.create_layer", "[\"Pos\"]");
        Assert.Equal("[255,255,255]", created.GetProperty("color").GetRawText());
        Assert.True(created.GetProperty("visible").GetBoolean());
        var error = client.Error("goxel.create_layer", "[\"Bad\",300,0,0]");
        Assert.Equal(-32602, Code(error));
        Assert.Equal("Invalid color values (must be 0-255)", error.GetProperty("message").GetString());
    }

    [Fact]
    public void NewLayerIsActiveAndTakesEdits()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.create_layer", "{\"name\":\"two\"}");
        s.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
        Assert.False(s.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"layer_id\":1}").GetProperty("exists").GetBoolean());
        Assert.True(s.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"layer_id\":2}").GetProperty("exists").GetBoolean());
        s.Result("goxel.set_active_layer", "{\"layer_id\":1}");
        s.Result("goxel.add_voxel", "{\"x\":2,\"y\":2,\"z\":2}");
        Assert.True(s.Result("goxel.get_voxel", "{\"x\":2,\"y\":2,\"z\":2,\"layer_id\":1}").GetProperty("exists").GetBoolean());
        Assert.Equal(-32602, Code(s.Error("goxel.set_active_layer", "{\"layer_id\":9}")));
    }

    [Fact]
    public void DeleteLayerByIdAndByName()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.create_layer", "{\"name\":\"gone\"}");
        s.Result("goxel.create_layer", "{\"name\":\"also gone\"}");
        Assert.True(s.Result("goxel.delete_layer", "{\"layer_id\":2}").GetProperty("success").GetBoolean());
        Assert.True(s.Result("goxel.delete_layer", "{\"layer_name\":\"also gone\"}").GetProperty("success").GetBoolean());
        Assert.Equal(1, s.Result("goxel.list_layers").GetProperty("count").GetInt32());
        Assert.Equal(-32602, Code(s.Error("goxel.delete_layer")));
        Assert.Equal(-1012, Code(s.Error("goxel.delete_layer", "{\"layer_id\":7}")));
        Assert.Equal(-1012, Code(s.Error("goxel.delete_layer", "{\"layer_name\":\"nope\"}")));
    }

    [Fact]
    public void DeleteLayerPositional()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"del\"]");
        client.Result("goxel.create_layer", "[\"x\"]");
        Assert.True(client.Result("goxel.delete_layer", "[2]").GetProperty("success").GetBoolean());
        client.Result("goxel.create_layer", "[\"y\"]");
        Assert.True(client.Result("goxel.delete_layer", "[0, \"y\"]").GetProperty("success").GetBoolean());
    }

    [Fact]
    public void MergeBlendsSourceOverTargetAndDeletesIt()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[0,0,255,255]}");
        s.Result("goxel.add_voxel", "{\"x\":1,\"y\":0,\"z\":0,\"color\":[0,0,255,255]}");
        s.Result("goxel.create_layer", "{\"name\":\"top\"}");
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[255,0,0,255]}");
        s.Result("goxel.add_voxel", "{\"x\":5,\"y\":0,\"z\":0,\"color\":[0,255,0,255]}");
        Assert.True(s.Result("goxel.merge_layers", "{\"source_layer_id\":2,\"target_layer_id\":1}").GetProperty("success").GetBoolean());
        Assert.Equal(1, s.Result("goxel.list_layers").GetProperty("count").GetInt32());
        Assert.Equal("[255,0,0,255]", s.Result("goxel.get_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"layer_id\":1}").GetProperty("color").GetRawText());
        Assert.Equal("[0,0,255,255]", s.Result("goxel.get_voxel", "{\"x\":1,\"y\":0,\"z\":0,\"layer_id\":1}").GetProperty("color").GetRawText());
        Assert.Equal("[0,255,0,255]", s.Result("goxel.get_voxel", "{\"x\":5,\"y\":0,\"z\":0,\"layer_id\":1}").GetProperty("color").GetRawText());
        Assert.Equal(-32602, Code(s.Error("goxel.merge_layers", "{\"source_layer_id\":1}")));
        Assert.Equal(-1013, Code(s.Error("goxel.merge_layers", "{\"source_layer_id\":1,\"target_layer_id\":1}")));
        Assert.Equal(-1013, Code(s.Error("goxel.merge_layers", "{\"source_layer_id\":4,\"target_layer_id\":1}")));
    }

    [Fact]
    public void VisibilityIsSetAndChecked()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var hidden = s.Result("goxel.set_layer_visibility", "{\"layer_id\":1,\"visible\":false}");
        Assert.False(hidden.GetProperty("visible").GetBoolean());
        Assert.False(s.Result("goxel.list_layers").GetProperty("layers")[0].GetProperty("visible").GetBoolean());
        Assert.True(s.Result("goxel.set_layer_visibility", "{\"layer_id\":1}").GetProperty("visible").GetBoolean());
        Assert.Equal("Must specify valid layer_id", s.Error("goxel.set_layer_visibility").GetProperty("message").GetString());
        Assert.Equal(-1014, Code(s.Error("goxel.set_layer_visibility", "{\"layer_id\":3}")));
    }
}
