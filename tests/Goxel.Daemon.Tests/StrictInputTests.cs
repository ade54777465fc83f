using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 10, inputs: wrong types and ranges are -32602 naming the parameter; the original's shapes keep working.</summary>
public sealed class StrictInputTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private const int Limit = (1 << 30) - 1;

    private static void AssertInvalid(JsonElement error, string parameter)
    {
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Contains(parameter, error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("[2147483648,5,5,255,0,0,255]", "x")]
    [InlineData("[5e9,5,5,255,0,0,255]", "x")]
    [InlineData("[1e308,5,5,255,0,0,255]", "x")]
    [InlineData("[1073741824,5,5]", "x")]
    [InlineData("[0,-1073741824,5]", "y")]
    [InlineData("{\"x\":\"one\",\"y\":0,\"z\":0}", "'x'")]
    [InlineData("{\"x\":0,\"y\":true,\"z\":0}", "'y'")]
    [InlineData("{\"x\":0,\"y\":0}", "'z'")]
    [InlineData("{\"position\":[0,0,\"a\"]}", "position[2]")]
    [InlineData("{\"position\":{\"x\":0,\"y\":0}}", "position.z")]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"r\":\"red\"}", "'r'")]
    public void GarbageCoordinatesAreRefusedAndNothingIsWritten(string parameters, string parameter)
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", new { name = "garbage" });
        AssertInvalid(client.Error("goxel.add_voxel", parameters), parameter);
        Assert.Equal(0, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt64());
    }

    [Fact]
    public void AddVoxelWithoutParamsIsRefused()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", new { name = "noparams" });
        client.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"id\":3}\n");
        var error = client.ReadJson().GetProperty("error");
        AssertInvalid(error, "x");
        Assert.Equal(0, client.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt64());
    }

    [Fact]
    public void CreateProjectRefusesAWordForASize()
    {
        using var client = fixture.Daemon.Connect();
        AssertInvalid(client.Error("goxel.create_project", "{\"name\":\"a\",\"width\":\"big\"}"), "width");
        AssertInvalid(client.Error("goxel.create_project", "[\"a\",64,64,2147483647]"), "depth");
    }

    [Fact]
    public void TheOriginalShapesKeepWorking()
    {
        using var scope = new ProjectScope(fixture.Daemon);
        scope.Client.Result("goxel.create_project", new { name = "shapes" });
        // Positional params act on the current project, which create_project just made.
        Assert.True(scope.Client.Result("goxel.add_voxel", "[1,2,3,255,0,0,255]").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.add_voxel", "[4,5,6,\"#00FF00\"]").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.add_voxel", "{\"x\":7,\"y\":8,\"z\":9,\"color\":[1,2,3,255]}").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.add_voxel", "{\"position\":{\"x\":-1,\"y\":-2,\"z\":-3},\"color\":{\"r\":9,\"g\":9,\"b\":9}}").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.add_voxel", "{\"position\":[10,10,10],\"r\":0.5,\"g\":1,\"b\":0}").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.add_voxel", "{\"x\":5.0,\"y\":1e1,\"z\":0}").GetProperty("success").GetBoolean());
        Assert.True(scope.Client.Result("goxel.get_voxel", "[1,2,3]").GetProperty("exists").GetBoolean());
        Assert.True(scope.Client.Result("goxel.get_voxel", "{\"x\":10,\"y\":10,\"z\":10}").GetProperty("exists").GetBoolean());
        Assert.True(scope.Client.Result("goxel.get_voxel", "{\"x\":5,\"y\":10,\"z\":0}").GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void AddVoxelReportsTheLayerItWrote()
    {
        using var scope = new ProjectScope(fixture.Daemon);
        var active = scope.Result("goxel.list_layers").GetProperty("layers")[0].GetProperty("id").GetInt32();
        var result = scope.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
        Assert.Equal(active, result.GetProperty("layer_id").GetInt32());
        AssertInvalid(scope.Error("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"layer_id\":99}"), "layer_id");
    }

    [Fact]
    public void UnknownProjectOrLayerIsInvalidParams()
    {
        using var client = fixture.Daemon.Connect();
        AssertInvalid(client.Error("goxel.get_voxel", "{\"project_id\":\"p999999\",\"x\":0,\"y\":0,\"z\":0}"), "project_id");
        AssertInvalid(client.Error("goxel.add_voxel", "{\"project_id\":\"nope\",\"x\":0,\"y\":0,\"z\":0}"), "project_id");
        using var scope = new ProjectScope(fixture.Daemon);
        AssertInvalid(scope.Error("goxel.get_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"layer_id\":4242}"), "layer_id");
        AssertInvalid(scope.Error("goxel.get_bounding_box", "{\"layer_id\":4242}"), "layer_id");
        AssertInvalid(scope.Error("goxel.paint_voxels", "{\"x\":0,\"y\":0,\"z\":0,\"r\":1,\"layer_id\":4242}"), "layer_id");
    }

    [Fact]
    public void BoundingBoxOverTheWholeRangeDoesNotOverflow()
    {
        using var scope = new ProjectScope(fixture.Daemon);
        scope.Result("goxel.add_voxel", $"{{\"x\":{-Limit},\"y\":0,\"z\":0}}");
        scope.Result("goxel.add_voxel", $"{{\"x\":{Limit},\"y\":5,\"z\":5}}");
        var box = scope.Result("goxel.get_bounding_box");
        var dims = box.GetProperty("dimensions");
        Assert.Equal(2L * Limit + 1, dims[0].GetInt64());
        Assert.Equal(6, dims[1].GetInt64());
        Assert.Equal(6, dims[2].GetInt64());
    }

    [Fact]
    public void RegionCornersOutsideTheRangeAreRefused()
    {
        using var scope = new ProjectScope(fixture.Daemon);
        AssertInvalid(scope.Error("goxel.get_voxels_region", "{\"min\":[-2147483648,0,0],\"max\":[0,0,0]}"), "min[0]");
        AssertInvalid(scope.Error("goxel.paint_voxels", "{\"region\":{\"min\":[0,0,0],\"max\":[0,2147483647,0]},\"r\":1}"), "max[1]");
    }
}
