using System.Text.Json;

namespace Goxel.Daemon.Tests;

public sealed class EditMethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static int Code(JsonElement error) => error.GetProperty("code").GetInt32();

    [Theory]
    [InlineData("cube", 3, 3, 3, 27)]
    [InlineData("sphere", 5, 5, 5, 81)]
    [InlineData("cylinder", 5, 5, 3, 63)]
    public void ProceduralShapeCountsArePrecise(string shape, int sx, int sy, int sz, int expected)
    {
        using var s = new ProjectScope(fixture.Daemon);
        var result = s.Result("goxel.procedural_shape", $"{{\"shape_type\":\"{shape}\",\"size_x\":{sx},\"size_y\":{sy},\"size_z\":{sz},\"center_x\":10,\"center_y\":-3,\"center_z\":4,\"r\":200,\"g\":100,\"b\":50}}");
        Assert.Equal(expected, result.GetProperty("voxels_created").GetInt32());
        Assert.Equal(shape, result.GetProperty("shape_type").GetString());
        Assert.Equal(expected, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        Assert.Equal("[200,100,50,255]", s.Result("goxel.get_voxel", "{\"x\":10,\"y\":-3,\"z\":4}").GetProperty("color").GetRawText());
        var box = s.Result("goxel.get_bounding_box");
        Assert.Equal($"[{sx},{sy},{sz}]", box.GetProperty("dimensions").GetRawText());
        Assert.Equal($"[{10 - sx / 2},{-3 - sy / 2},{4 - sz / 2}]", box.GetProperty("min").GetRawText());
    }

    [Fact]
    public void ProceduralShapePositionalAndExtensions()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"shapes\"]");
        var positional = client.Result("goxel.procedural_shape", "[\"sphere\",5,5,5,0,0,0,255,0,0,255]");
        Assert.Equal(81, positional.GetProperty("voxels_created").GetInt32());
        var radius = client.Result("goxel.procedural_shape", "{\"shape\":\"sphere\",\"radius\":3,\"center\":[100,0,0],\"color\":\"#00FF00\"}");
        Assert.True(radius.GetProperty("voxels_created").GetInt32() > 100);
        Assert.Equal(-1011, Code(client.Error("goxel.procedural_shape", "{\"shape_type\":\"torus\"}")));
        Assert.Equal(-32602, Code(client.Error("goxel.procedural_shape", "{\"size_x\":100000,\"size_y\":100000,\"size_z\":100000}")));
        Assert.Equal(-32602, Code(client.Error("goxel.procedural_shape", "{\"size_x\":0}")));
    }

    [Fact]
    public void PaintRecoloursExistingVoxelsOnly()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
        Assert.Equal(1, s.Result("goxel.paint_voxels", "{\"x\":1,\"y\":1,\"z\":1,\"r\":9,\"g\":8,\"b\":7}").GetProperty("painted").GetInt32());
        Assert.Equal("[9,8,7,255]", s.Result("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1}").GetProperty("color").GetRawText());
        Assert.Equal(-1009, Code(s.Error("goxel.paint_voxels", "{\"x\":5,\"y\":5,\"z\":5,\"r\":1}")));
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":4,\"size_y\":4,\"size_z\":4,\"center_x\":20}");
        var region = s.Result("goxel.paint_voxels", "{\"region\":{\"min\":[18,-2,-2],\"max\":[19,1,1]},\"color\":[1,2,3,255]}");
        Assert.Equal(32, region.GetProperty("painted").GetInt32());
    }

    [Fact]
    public void PaintPositional()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"paint\"]");
        client.Result("goxel.add_voxel", "[3,3,3]");
        Assert.True(client.Result("goxel.paint_voxels", "[3,3,3,1,2,3,0]").GetProperty("success").GetBoolean());
        Assert.Equal("[1,2,3,255]", client.Result("goxel.get_voxel", "[3,3,3]").GetProperty("color").GetRawText());
    }

    [Fact]
    public void FloodFillFillsTheWholeRegionAndHonoursTheCap()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":10,\"size_y\":10,\"size_z\":10,\"r\":255}");
        s.Result("goxel.add_voxel", "{\"x\":100,\"y\":0,\"z\":0,\"color\":[255,0,0,255]}");
        var filled = s.Result("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":0,\"r\":0,\"g\":0,\"b\":255}");
        Assert.Equal(1000, filled.GetProperty("voxels_filled").GetInt32());
        Assert.Equal("[255,0,0,255]", s.Result("goxel.get_voxel", "{\"x\":100,\"y\":0,\"z\":0}").GetProperty("color").GetRawText());
        Assert.Equal("[0,0,255,255]", s.Result("goxel.get_voxel", "{\"x\":-5,\"y\":4,\"z\":-5}").GetProperty("color").GetRawText());
    }

    [Fact]
    public void FloodFillOverTheCapFailsAndChangesNothing()
    {
        var dir = DaemonProcess.NewDirectory();
        File.WriteAllText(Path.Combine(dir, "limits.json"), "{\"limits\":{\"flood_fill_max_voxels\":500}}");
        using var daemon = DaemonProcess.Start("--config", Path.Combine(dir, "limits.json"));
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        client.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":10,\"size_y\":10,\"size_z\":10,\"r\":255}");
        var error = client.Error("goxel.flood_fill", "{\"x\":0,\"y\":0,\"z\":0,\"b\":255}");
        Assert.Equal(-1010, Code(error));
        Assert.Contains("500", error.GetProperty("message").GetString());
        var colours = client.Result("goxel.get_unique_colors");
        Assert.Equal(1, colours.GetProperty("count").GetInt32());
    }

    [Fact]
    public void BatchOperationsRunEveryListedType()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var result = s.Result("goxel.batch_operations", "{\"operations\":["
            + "{\"type\":\"add_voxel\",\"x\":1,\"y\":0,\"z\":0,\"r\":255,\"g\":0,\"b\":0},"
            + "{\"type\":\"add_voxel\",\"x\":2,\"y\":0,\"z\":0,\"color\":\"#00FF00\"},"
            + "{\"type\":\"paint_voxel\",\"x\":1,\"y\":0,\"z\":0,\"r\":0,\"g\":0,\"b\":255},"
            + "{\"type\":\"remove_voxel\",\"x\":2,\"y\":0,\"z\":0},"
            + "{\"type\":\"explode\",\"x\":2,\"y\":0,\"z\":0},"
            + "{\"type\":\"paint_voxel\",\"x\":9,\"y\":9,\"z\":9,\"r\":1}]}");
        Assert.Equal(6, result.GetProperty("total_operations").GetInt32());
        Assert.Equal(4, result.GetProperty("successful_operations").GetInt32());
        Assert.Equal("[0,0,255,255]", s.Result("goxel.get_voxel", "{\"x\":1,\"y\":0,\"z\":0}").GetProperty("color").GetRawText());
        Assert.False(s.Result("goxel.get_voxel", "{\"x\":2,\"y\":0,\"z\":0}").GetProperty("exists").GetBoolean());
        Assert.Equal("Must specify operations array", s.Client.Error("goxel.batch_operations", "[{\"operations\":[]}]").GetProperty("message").GetString());
    }

    [Fact]
    public void AddVoxelBatchAcceptsEveryFormAndIsAtomic()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var objects = s.Result("goxel.add_voxel_batch", "{\"voxels\":[{\"position\":{\"x\":1,\"y\":2,\"z\":3},\"color\":[1,2,3,255]},{\"position\":[4,5,6],\"color\":{\"r\":4,\"g\":5,\"b\":6}},{\"x\":7,\"y\":8,\"z\":9,\"r\":7,\"g\":8,\"b\":9}]}");
        Assert.Equal("{\"success\":true,\"count\":3}", objects.GetRawText());
        var compact = s.Result("goxel.add_voxel_batch", "{\"voxels\":[[10,0,0,255,0,0,255],[11,0,0,0,255,0]]}");
        Assert.Equal(2, compact.GetProperty("count").GetInt32());
        var positions = new byte[24];
        BitConverter.TryWriteBytes(positions.AsSpan(0), -20);
        BitConverter.TryWriteBytes(positions.AsSpan(12), 21);
        BitConverter.TryWriteBytes(positions.AsSpan(16), 22);
        BitConverter.TryWriteBytes(positions.AsSpan(20), 23);
        var packed = s.Result("goxel.add_voxel_batch", $"{{\"positions\":\"{Convert.ToBase64String(positions)}\",\"colors\":\"{Convert.ToBase64String(new byte[] { 9, 9, 9, 255, 8, 8, 8, 255 })}\"}}");
        Assert.Equal(2, packed.GetProperty("count").GetInt32());
        Assert.Equal("[9,9,9,255]", s.Result("goxel.get_voxel", "{\"x\":-20,\"y\":0,\"z\":0}").GetProperty("color").GetRawText());
        Assert.Equal("[8,8,8,255]", s.Result("goxel.get_voxel", "{\"x\":21,\"y\":22,\"z\":23}").GetProperty("color").GetRawText());
        Assert.Equal(7, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());

        var error = s.Error("goxel.add_voxel_batch", "{\"voxels\":[[30,0,0,1,1,1],[31,0,0,1,1,1],{\"position\":[32,0,0],\"color\":\"red\"}]}");
        Assert.Equal(-32602, Code(error));
        Assert.Contains("index 2", error.GetProperty("message").GetString());
        Assert.Equal(7, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        Assert.Equal(-32602, Code(s.Error("goxel.add_voxel_batch", "{\"positions\":\"AAAA\"}")));
        Assert.Equal(-32602, Code(s.Error("goxel.add_voxel_batch", $"{{\"positions\":\"{Convert.ToBase64String(new byte[12])}\",\"colors\":\"AAAAAAAA\"}}")));
    }

    [Fact]
    public void AddVoxelsKeepsItsContractAndTakesTheNewForms()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"forms\"]");
        var result = client.Result("add_voxels", "{\"voxels\":[[1,1,1,1,2,3,255],{\"position\":[2,2,2],\"color\":\"#010203\"},{\"x\":3,\"y\":3,\"z\":3},\"junk\"]}");
        Assert.Equal("{\"success\":false,\"added\":2,\"failed\":2}", result.GetRawText());
    }

    [Fact]
    public void UndoRedoWalkThroughEdits()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"size_x\":5,\"size_y\":5,\"size_z\":5,\"center_x\":20}");
        s.Result("goxel.create_layer", "{\"name\":\"extra\"}");
        Assert.Equal(3, s.Result("goxel.get_project_info").GetProperty("undo_steps").GetInt32());
        Assert.True(s.Result("goxel.undo").GetProperty("success").GetBoolean());
        Assert.Equal(1, s.Result("goxel.list_layers").GetProperty("count").GetInt32());
        s.Result("goxel.undo");
        Assert.Equal(1, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        s.Result("goxel.redo");
        Assert.Equal(82, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        s.Result("goxel.undo");
        s.Result("goxel.undo");
        var none = s.Result("goxel.undo");
        Assert.False(none.GetProperty("success").GetBoolean());
        Assert.Equal(0, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        Assert.Equal(3, s.Result("goxel.redo").GetProperty("redo_steps").GetInt32() + 1);
    }

    [Fact]
    public void FailedEditsLeaveNoUndoStep()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Error("goxel.add_voxel_batch", "{\"voxels\":[[1,0,0,1,1,1],\"bad\"]}");
        s.Error("goxel.paint_voxels", "{\"x\":4,\"y\":4,\"z\":4}");
        Assert.Equal(0, s.Result("goxel.get_project_info").GetProperty("undo_steps").GetInt32());
    }
}
