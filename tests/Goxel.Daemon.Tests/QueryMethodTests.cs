using System.Text.Json;

namespace Goxel.Daemon.Tests;

public sealed class QueryMethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static int Code(JsonElement error) => error.GetProperty("code").GetInt32();

    private static ProjectScope Grid(DaemonProcess daemon)
    {
        // 4 x 4 x 1 voxels: red where x is even, blue where x is odd.
        var s = new ProjectScope(daemon);
        var voxels = string.Join(",", Enumerable.Range(0, 16).Select(i => $"[{i % 4},{i / 4},0,{(i % 2 == 0 ? 255 : 0)},0,{(i % 2 == 0 ? 0 : 255)},255]"));
        s.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{voxels}]}}");
        return s;
    }

    [Fact]
    public void RegionReturnsVoxelsInsideWithInclusiveBbox()
    {
        using var s = Grid(fixture.Daemon);
        var region = s.Result("goxel.get_voxels_region", "{\"min\":[1,1,0],\"max\":[2,3,0]}");
        Assert.Equal(6, region.GetProperty("count").GetInt32());
        Assert.False(region.GetProperty("truncated").GetBoolean());
        Assert.Equal("{\"min\":[1,1,0],\"max\":[2,3,0]}", region.GetProperty("bbox").GetRawText());
        foreach (var voxel in region.GetProperty("voxels").EnumerateArray())
        {
            Assert.InRange(voxel.GetProperty("x").GetInt32(), 1, 2);
            Assert.Equal(4, voxel.GetProperty("color").GetArrayLength());
        }
        var empty = s.Result("goxel.get_voxels_region", "{\"min\":[50,50,50],\"max\":[60,60,60]}");
        Assert.Equal(0, empty.GetProperty("count").GetInt32());
        Assert.False(empty.TryGetProperty("bbox", out _));
    }

    [Fact]
    public void RegionPagingAndColourFilter()
    {
        using var s = Grid(fixture.Daemon);
        var first = s.Result("goxel.get_voxels_region", "{\"min\":[0,0,0],\"max\":[3,3,0],\"limit\":5}");
        Assert.Equal(5, first.GetProperty("count").GetInt32());
        Assert.True(first.GetProperty("truncated").GetBoolean());
        var last = s.Result("goxel.get_voxels_region", "{\"min\":[0,0,0],\"max\":[3,3,0],\"offset\":15,\"limit\":5}");
        Assert.Equal(1, last.GetProperty("count").GetInt32());
        Assert.False(last.GetProperty("truncated").GetBoolean());
        var all = s.Result("goxel.get_voxels_region", "{\"min\":[0,0,0],\"max\":[3,3,0],\"limit\":0}");
        Assert.Equal(16, all.GetProperty("count").GetInt32());
        var red = s.Result("goxel.get_voxels_region", "{\"min\":[0,0,0],\"max\":[3,3,0],\"color_filter\":[255,0,0]}");
        Assert.Equal(8, red.GetProperty("count").GetInt32());
        var pages = s.Result("goxel.get_layer_voxels", "{\"limit\":10}");
        Assert.Equal(10, pages.GetProperty("count").GetInt32());
        Assert.True(pages.GetProperty("truncated").GetBoolean());
        Assert.Equal(16, s.Result("goxel.get_layer_voxels", "{\"layer_id\":1,\"limit\":0}").GetProperty("count").GetInt32());
    }

    [Fact]
    public void RegionErrors()
    {
        using var s = Grid(fixture.Daemon);
        Assert.Equal("Parameter 'min' must be an array of 3 integers", s.Error("goxel.get_voxels_region", "{\"max\":[1,1,1]}").GetProperty("message").GetString());
        Assert.Equal("Parameter 'max' must be an array of 3 integers", s.Error("goxel.get_voxels_region", "{\"min\":[1,1,1],\"max\":[1,1]}").GetProperty("message").GetString());
        Assert.Equal("Min/max arrays must contain integers", s.Error("goxel.get_voxels_region", "{\"min\":[1,1,\"a\"],\"max\":[1,1,1]}").GetProperty("message").GetString());
        Assert.Equal(-32602, Code(s.Client.Error("goxel.get_voxels_region", "[[0,0,0],[1,1,1]]")));
        Assert.Equal(-32602, Code(s.Error("goxel.get_layer_voxels", "{\"layer_id\":42}")));
    }

    [Fact]
    public void HistogramUniqueColoursAndFind()
    {
        using var s = Grid(fixture.Daemon);
        var histogram = s.Result("goxel.get_color_histogram");
        Assert.Equal(16, histogram.GetProperty("total_voxels").GetInt32());
        Assert.Equal(2, histogram.GetProperty("unique_colors").GetInt32());
        var first = histogram.GetProperty("histogram")[0];
        Assert.Equal(8, first.GetProperty("count").GetInt32());
        Assert.Equal("50.0", first.GetProperty("percentage").GetRawText());
        Assert.False(histogram.GetProperty("metadata").GetProperty("binned").GetBoolean());

        var unique = s.Result("goxel.get_unique_colors");
        Assert.Equal(2, unique.GetProperty("count").GetInt32());
        Assert.Equal("#0000FFFF", unique.GetProperty("colors")[0].GetProperty("hex").GetString());
        Assert.Equal("#FF0000FF", unique.GetProperty("colors")[1].GetProperty("hex").GetString());

        var found = s.Result("goxel.find_voxels_by_color", "{\"color\":[255,0,0],\"max_results\":3}");
        Assert.Equal("#FF0000FF", found.GetProperty("target_color").GetString());
        Assert.Equal(8, found.GetProperty("match_count").GetInt32());
        Assert.True(found.GetProperty("truncated").GetBoolean());
        Assert.Equal(3, found.GetProperty("locations").GetArrayLength());
        Assert.Equal(1, found.GetProperty("locations")[0].GetProperty("layer_id").GetInt32());
        var nearby = s.Result("goxel.find_voxels_by_color", "{\"color\":[250,5,0],\"tolerance\":[5,5,0],\"include_locations\":false}");
        Assert.Equal(8, nearby.GetProperty("match_count").GetInt32());
        Assert.False(nearby.TryGetProperty("locations", out _));
        Assert.Equal("Color parameter must be an array of [r,g,b] or [r,g,b,a]", s.Error("goxel.find_voxels_by_color").GetProperty("message").GetString());
    }

    [Fact]
    public void HistogramBinsClampInsteadOfWrapping()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[250,250,250,255]}");
        var binned = s.Result("goxel.get_color_histogram", "{\"bin_size\":200}");
        Assert.Equal("[255,255,255,255]", binned.GetProperty("histogram")[0].GetProperty("rgba").GetRawText());
        Assert.Equal(200, binned.GetProperty("metadata").GetProperty("bin_size").GetInt32());
    }

    [Fact]
    public void AllLayersQueriesSpanLayers()
    {
        using var s = Grid(fixture.Daemon);
        s.Result("goxel.create_layer", "{\"name\":\"two\"}");
        s.Result("goxel.add_voxel", "{\"x\":9,\"y\":9,\"z\":9,\"color\":[0,255,0,255]}");
        Assert.Equal(1, s.Result("goxel.get_color_histogram").GetProperty("total_voxels").GetInt32());
        Assert.Equal(17, s.Result("goxel.get_color_histogram", "{\"layer_id\":-2}").GetProperty("total_voxels").GetInt32());
        var box = s.Result("goxel.get_bounding_box", "{\"layer_id\":-2}");
        Assert.Equal("[0,0,0]", box.GetProperty("min").GetRawText());
        Assert.Equal("[9,9,9]", box.GetProperty("max").GetRawText());
    }
}
