using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>
/// The request sequences of the original's example clients (spec section 10), replayed the way
/// each client talks: a new connection per request, or one connection read with one recv.
/// </summary>
public sealed class ExampleClientTests : IDisposable
{
    private readonly DaemonProcess _daemon = DaemonProcess.Start();

    public void Dispose() => _daemon.Dispose();

    /// <summary>color_analysis_demo.py: a new connection per request, params omitted when empty.</summary>
    private JsonElement OneShot(string method, string? parameters = null)
    {
        using var client = _daemon.Connect();
        var line = parameters is null
            ? $"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"id\":1}}\n"
            : $"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":1}}\n";
        client.Send(line);
        var response = client.ReadJson();
        Assert.False(response.TryGetProperty("error", out var error), $"{method}: {error}");
        return response.GetProperty("result");
    }

    [Fact]
    public void ColorAnalysisDemo()
    {
        OneShot("goxel.create_project");
        int[][] colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 0], [255, 0, 255], [0, 255, 255], [255, 128, 0]];
        for (var i = 0; i < colours.Length; i++)
        for (var j = 0; j < 5; j++)
            OneShot("goxel.add_voxel", $"{{\"x\":{i * 2},\"y\":{j},\"z\":0,\"color\":[{colours[i][0]},{colours[i][1]},{colours[i][2]},255]}}");
        for (var i = 0; i < colours.Length; i++)
            OneShot("goxel.add_voxel", $"{{\"x\":{i * 2},\"y\":6,\"z\":0,\"color\":[255,255,255,255]}}");

        var histogram = OneShot("goxel.get_color_histogram", "{\"sort_by_count\":true}");
        Assert.Equal(42, histogram.GetProperty("total_voxels").GetInt32());
        Assert.Equal(8, histogram.GetProperty("unique_colors").GetInt32());
        var red = histogram.GetProperty("histogram").EnumerateArray().Single(h => h.GetProperty("color").GetString() == "#FF0000FF");
        Assert.Equal(5, red.GetProperty("count").GetInt32());
        Assert.Equal(11.9, red.GetProperty("percentage").GetDouble(), 1);
        Assert.Equal(7, histogram.GetProperty("histogram")[0].GetProperty("count").GetInt32());

        var binned = OneShot("goxel.get_color_histogram", "{\"bin_size\":32,\"sort_by_count\":true,\"top_n\":5}");
        Assert.Equal(5, binned.GetProperty("histogram").GetArrayLength());
        Assert.True(binned.GetProperty("metadata").GetProperty("binned").GetBoolean());

        var reds = OneShot("goxel.find_voxels_by_color", "{\"color\":[255,0,0],\"include_locations\":true}");
        Assert.Equal(5, reds.GetProperty("match_count").GetInt32());
        Assert.All(reds.GetProperty("locations").EnumerateArray(), l => Assert.Equal(0, l.GetProperty("x").GetInt32()));

        var near = OneShot("goxel.find_voxels_by_color", "{\"color\":[255,50,50],\"tolerance\":100,\"include_locations\":false}");
        Assert.True(near.GetProperty("match_count").GetInt32() >= 5);

        var white = OneShot("goxel.find_voxels_by_color", "{\"color\":[255,255,255],\"region\":{\"min\":[0,5,0],\"max\":[20,10,5]},\"include_locations\":true}");
        Assert.Equal(7, white.GetProperty("match_count").GetInt32());
        Assert.Equal(7, white.GetProperty("locations").GetArrayLength());

        var unique = OneShot("goxel.get_unique_colors");
        Assert.Equal(8, unique.GetProperty("count").GetInt32());
        Assert.All(unique.GetProperty("colors").EnumerateArray(), c =>
        {
            Assert.Matches("^#[0-9A-F]{8}$", c.GetProperty("hex").GetString());
            Assert.Equal(4, c.GetProperty("rgba").GetArrayLength());
        });
        var merged = OneShot("goxel.get_unique_colors", "{\"merge_similar\":true,\"merge_threshold\":50,\"sort_by_count\":true}");
        Assert.True(merged.GetProperty("count").GetInt32() <= 8);
        var top = OneShot("goxel.get_color_histogram", "{\"sort_by_count\":true,\"top_n\":10}");
        Assert.Equal(8, top.GetProperty("histogram").GetArrayLength());
        Assert.Equal(4, top.GetProperty("histogram")[0].GetProperty("rgba").GetArrayLength());
        Assert.True(OneShot("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void HomebrewTestClientEditsBeforeExport()
    {
        Assert.False(string.IsNullOrEmpty(OneShot("goxel.get_version", "{}").GetProperty("version").GetString()));
        OneShot("goxel.create_project", "{\"name\":\"homebrew_test\"}");
        OneShot("goxel.add_voxel", "{\"position\":{\"x\":0,\"y\":0,\"z\":0},\"color\":{\"r\":255,\"g\":0,\"b\":0,\"a\":255}}");
        Assert.Equal("[255,0,0,255]", OneShot("goxel.get_voxel", "{\"x\":0,\"y\":0,\"z\":0}").GetProperty("color").GetRawText());
        var obj = Path.Combine(Path.GetTempPath(), $"homebrew_test_{Guid.NewGuid():N}.obj");
        try
        {
            Assert.True(OneShot("goxel.export_model", $"{{\"path\":{RawClient.Quote(obj)},\"format\":\"obj\"}}").GetProperty("success").GetBoolean());
            Assert.Contains(File.ReadAllLines(obj), l => l.StartsWith("f ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(obj);
            File.Delete(Path.ChangeExtension(obj, ".mtl"));
        }
    }

    [Fact]
    public void JsonRpcClientPyramidWithFloatsAndTopLevelColour()
    {
        using var client = _daemon.Connect();
        var id = 0;
        JsonElement Call(string method, string parameters)
        {
            client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":{++id}}}\n");
            var response = client.ReadJson();
            Assert.False(response.TryGetProperty("error", out var error), $"{method}: {error}");
            return response.GetProperty("result");
        }
        Call("goxel.get_version", "{}");
        Call("goxel.create_project", "{\"name\":\"python_demo\"}");
        // The client's 14 voxels: a 3x3 base, a 2x2 middle at half coordinates, a top voxel.
        var count = 0;
        for (var x = 0; x < 3; x++)
        for (var z = 0; z < 3; z++, count++)
            Call("goxel.add_voxel", $"{{\"x\":{x},\"y\":0,\"z\":{z},\"r\":255,\"g\":0,\"b\":0,\"a\":255}}");
        for (var x = 0; x < 2; x++)
        for (var z = 0; z < 2; z++, count++)
            Call("goxel.add_voxel", $"{{\"x\":{x + 1 - 0.5},\"y\":1,\"z\":{z + 1 - 0.5},\"r\":0,\"g\":255,\"b\":0,\"a\":255}}");
        Call("goxel.add_voxel", "{\"x\":1,\"y\":2,\"z\":1,\"r\":0,\"g\":0,\"b\":255,\"a\":255}");
        count++;
        Assert.Equal(14, count);
        var middle = Call("goxel.get_voxel", "{\"x\":1,\"y\":1,\"z\":1}");
        Assert.Equal("[0,255,0,255]", middle.GetProperty("color").GetRawText());
        Assert.Equal("[0,0,255,255]", Call("goxel.get_voxel", "{\"x\":1,\"y\":2,\"z\":1}").GetProperty("color").GetRawText());
        Assert.Equal(14, Call("goxel.get_project_info", "{}").GetProperty("voxel_count").GetInt32());
        Assert.True(Call("goxel.save_project", "{\"path\":\"pyramid.gox\"}").GetProperty("success").GetBoolean());
        Assert.True(File.Exists(Path.Combine(_daemon.Directory, "pyramid.gox")));
        Assert.True(Call("goxel.export_model", "{\"format\":\"obj\",\"path\":\"pyramid.obj\"}").GetProperty("success").GetBoolean());
        Assert.True(File.Exists(Path.Combine(_daemon.Directory, "pyramid.obj")));
    }

    /// <summary>v16_render_client.py: probes get_render_stats, then uses the file_path mode throughout.</summary>
    [Fact]
    public async Task V16RenderClient()
    {
        using var client = _daemon.Connect();
        var id = 0;
        JsonElement Call(string method, string parameters = "[]")
        {
            client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"{method}\",\"params\":{parameters},\"id\":{++id}}}\n");
            var response = client.ReadJson();
            Assert.False(response.TryGetProperty("error", out var error), $"{method}: {error}");
            return response.GetProperty("result");
        }
        Assert.True(Call("goxel.get_render_stats", "{}").GetProperty("success").GetBoolean());

        Call("goxel.create_project", "[\"Demo\",32,32,32]");
        for (var i = 0; i < 10; i++) Call("goxel.add_voxel", $"[{16 + i},16,16,255,100,0,255]");
        var file = Call("goxel.render_scene", "{\"width\":400,\"height\":300,\"options\":{\"return_mode\":\"file_path\"}}").GetProperty("file");
        foreach (var member in new[] { "path", "size", "format", "dimensions", "checksum", "created_at", "expires_at" })
            Assert.True(file.TryGetProperty(member, out _), member);
        var copy = Path.Combine(_daemon.Directory, "copy.png");
        File.Copy(file.GetProperty("path").GetString()!, copy);
        Assert.Equal(file.GetProperty("size").GetInt64(), new FileInfo(copy).Length);
        Call("goxel.cleanup_render", $"{{\"path\":{RawClient.Quote(file.GetProperty("path").GetString()!)}}}");

        Call("goxel.create_project", "[\"PerfTest\",64,64,64]");
        for (var i = 0; i < 400; i++) Call("goxel.add_voxel", $"[{i % 20},{i / 20},0,{i % 256},100,200,255]");
        foreach (var (w, h) in new[] { (200, 200), (400, 400), (800, 600), (1920, 1080) })
        {
            var render = Call("goxel.render_scene", $"{{\"width\":{w},\"height\":{h},\"options\":{{\"return_mode\":\"file_path\"}}}}").GetProperty("file");
            Assert.Equal($"{{\"width\":{w},\"height\":{h}}}", render.GetProperty("dimensions").GetRawText());
        }

        var renders = Call("goxel.list_renders", "{}").GetProperty("renders").EnumerateArray().ToList();
        Assert.Equal(4, renders.Count);
        foreach (var render in renders) Call("goxel.cleanup_render", $"{{\"path\":{RawClient.Quote(render.GetProperty("path").GetString()!)}}}");
        var stats = Call("goxel.get_render_stats", "{}").GetProperty("stats");
        Assert.Equal(0, stats.GetProperty("active_renders").GetInt32());
        Assert.Equal(5, stats.GetProperty("total_renders").GetInt32());

        // Batch demo: five connections render the shared document at once; every reply is one whole line.
        var batch = Enumerable.Range(0, 5).Select(k => Task.Run(() =>
        {
            using var c = _daemon.Connect();
            c.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.render_scene\",\"params\":{{\"width\":{300 + k},\"height\":200,\"options\":{{\"return_mode\":\"file_path\"}}}},\"id\":{k}}}\n");
            var reply = c.ReadJson();
            Assert.Equal(300 + k, reply.GetProperty("result").GetProperty("file").GetProperty("dimensions").GetProperty("width").GetInt32());
        })).ToArray();
        await Task.WhenAll(batch);
        Assert.True(Call("ping", "{}").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void JsonRpcClientRenderStep()
    {
        using var client = _daemon.Connect();
        client.Result("goxel.create_project", new { name = "python_demo" });
        client.Result("goxel.add_voxel", new { x = 0, y = 0, z = 0, r = 255, g = 0, b = 0, a = 255 });
        var render = client.Result("goxel.render_scene", "{\"width\":512,\"height\":512,\"camera_position\":[5,5,5],\"camera_target\":[0,1,0]}");
        Assert.True(Convert.FromBase64String(render.GetProperty("image").GetString()!).Length > 100);
    }
}
