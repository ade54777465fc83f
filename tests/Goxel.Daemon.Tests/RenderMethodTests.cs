using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>render_scene (both modes), render_image and the render archive through the wire.</summary>
public sealed class RenderMethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Pixels of a render_image result that are not the black background.</summary>
    private static int LitPixels(JsonElement result)
    {
        var png = Convert.FromBase64String(result.GetProperty("image_data").GetString()!);
        var image = StbImageSharp.ImageResult.FromMemory(png, StbImageSharp.ColorComponents.RedGreenBlue);
        var lit = 0;
        for (var i = 0; i < image.Data.Length; i += 3)
            if (image.Data[i] + image.Data[i + 1] + image.Data[i + 2] > 0) lit++;
        return lit;
    }

    private static ProjectScope Scene(DaemonProcess daemon)
    {
        var s = new ProjectScope(daemon);
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":8,\"size_y\":8,\"size_z\":8,\"center_z\":4,\"r\":200,\"g\":40,\"b\":40}");
        return s;
    }

    [Fact]
    public void RenderSceneToAnOutputPath()
    {
        using var s = Scene(fixture.Daemon);
        var path = Path.Combine(fixture.Daemon.Directory, "scene.png");
        var result = s.Result("goxel.render_scene", $"{{\"output_path\":{RawClient.Quote(path)},\"width\":320,\"height\":200,\"camera_preset\":\"front\"}}");
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal("png", result.GetProperty("format").GetString());
        Assert.Equal(path, result.GetProperty("output_path").GetString());
        Assert.Equal((320, 200), PngSize(File.ReadAllBytes(path)));
    }

    [Fact]
    public void RenderScenePositionalWithDefaultSize()
    {
        using var client = fixture.Daemon.Connect();
        client.Result("goxel.create_project", "[\"Demo\",32,32,32]");
        for (var i = 0; i < 10; i++) client.Result("goxel.add_voxel", $"[{16 + i},16,16,255,100,0,255]");
        var path = Path.Combine(fixture.Daemon.Directory, "legacy.png");
        var result = client.Result("goxel.render_scene", $"[{RawClient.Quote(path)},0,-5]");
        Assert.Equal(512, result.GetProperty("width").GetInt32());
        Assert.Equal((512, 512), PngSize(File.ReadAllBytes(path)));
    }

    [Fact]
    public void FilePathModeStoresInTheArchiveWithInfoListAndCleanup()
    {
        using var s = Scene(fixture.Daemon);
        var result = s.Result("goxel.render_scene", "{\"width\":128,\"height\":96,\"options\":{\"return_mode\":\"file_path\",\"background_color\":[0,0,0,255]}}");
        var file = result.GetProperty("file");
        var path = file.GetProperty("path").GetString()!;
        Assert.StartsWith(Path.Combine(fixture.Daemon.Directory, "renders"), path);
        Assert.Matches(@"render_\d+_auto\d+_[0-9a-f]{8}\.png$", path);
        Assert.Equal(new FileInfo(path).Length, file.GetProperty("size").GetInt64());
        Assert.Equal("png", file.GetProperty("format").GetString());
        Assert.Equal("{\"width\":128,\"height\":96}", file.GetProperty("dimensions").GetRawText());
        Assert.Matches("^[0-9a-f]{8}$", file.GetProperty("checksum").GetString());
        Assert.Equal(3600, file.GetProperty("expires_at").GetInt64() - file.GetProperty("created_at").GetInt64());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));

        var info = s.Client.Result("goxel.get_render_info", new { path });
        Assert.Equal(file.GetProperty("checksum").GetString(), info.GetProperty("render").GetProperty("checksum").GetString());
        Assert.True(info.GetProperty("render").TryGetProperty("session_id", out _));
        var list = s.Client.Result("goxel.list_renders");
        Assert.Contains(list.GetProperty("renders").EnumerateArray(), r => r.GetProperty("path").GetString() == path);
        var stats = s.Client.Result("goxel.get_render_stats").GetProperty("stats");
        Assert.True(stats.GetProperty("active_renders").GetInt32() >= 1);
        Assert.True(stats.GetProperty("cleanup_thread_active").GetBoolean());
        Assert.Equal(1L << 30, stats.GetProperty("max_cache_size").GetInt64());

        var cleaned = s.Client.Result("goxel.cleanup_render", $"[{RawClient.Quote(path)}]");
        Assert.Equal("Render cleaned up successfully", cleaned.GetProperty("message").GetString());
        Assert.False(File.Exists(path));
        Assert.Equal(-1020, s.Client.Error("goxel.get_render_info", new { path }).GetProperty("code").GetInt32());
        Assert.Equal("Failed to cleanup render: File not found", s.Client.Error("goxel.cleanup_render", new { path }).GetProperty("message").GetString());
        Assert.Equal("Must specify path parameter", s.Client.Error("goxel.get_render_info").GetProperty("message").GetString());
    }

    [Fact]
    public void RenderImageReturnsBase64WithTimes()
    {
        using var s = Scene(fixture.Daemon);
        var result = s.Result("goxel.render_image", "{\"width\":200,\"height\":150,\"camera\":{\"position\":[40,-40,40],\"target\":[0,0,4],\"fov\":30}}");
        Assert.Equal((200, 150), PngSize(Convert.FromBase64String(result.GetProperty("image_data").GetString()!)));
        Assert.Equal("png", result.GetProperty("format").GetString());
        Assert.True(result.GetProperty("render_time_ms").GetDouble() > 0);
        var jpeg = s.Result("goxel.render_image", "{\"width\":64,\"height\":64,\"format\":\"jpeg\",\"camera\":\"isometric\"}");
        var bytes = Convert.FromBase64String(jpeg.GetProperty("image_data").GetString()!);
        Assert.Equal(0xFF, bytes[0]);
        Assert.Equal(0xD8, bytes[1]);
        Assert.Equal("jpeg", jpeg.GetProperty("format").GetString());
    }

    [Fact]
    public void JsonRpcClientRenderGetsItsImage()
    {
        using var s = Scene(fixture.Daemon);
        var result = s.Result("goxel.render_scene", "{\"width\":512,\"height\":512,\"camera_position\":[5,5,5],\"camera_target\":[0,1,0]}");
        Assert.Equal((512, 512), PngSize(Convert.FromBase64String(result.GetProperty("image").GetString()!)));
    }

    [Theory]
    [InlineData("{\"width\":100000,\"height\":10}")]
    [InlineData("{\"camera_preset\":\"sideways\"}")]
    [InlineData("{\"camera\":{\"position\":[1,1,1],\"target\":[1,1,1]}}")]
    [InlineData("{\"format\":\"gif\"}")]
    public void BadRenderRequestsAreInvalidParams(string parameters)
    {
        using var s = Scene(fixture.Daemon);
        Assert.Equal(-32602, s.Error("goxel.render_image", parameters).GetProperty("code").GetInt32());
    }

    [Fact]
    public void UnwritableOutputPathsFailClearly()
    {
        using var s = Scene(fixture.Daemon);
        var missing = Path.Combine(fixture.Daemon.Directory, "no", "such", "x.png");
        var error = s.Error("goxel.render_scene", $"{{\"output_path\":{RawClient.Quote(missing)}}}");
        Assert.Equal(-1015, error.GetProperty("code").GetInt32());
        Assert.Contains("does not exist", error.GetProperty("message").GetString());
        Assert.Equal(-32602, s.Error("goxel.render_scene", "{\"output_path\":\"/etc/x.png\"}").GetProperty("code").GetInt32());
    }

    [Fact]
    public void RenderSeesTheSnapshotTakenAtItsStartWhileEditsGoOn()
    {
        using var s = Scene(fixture.Daemon);
        using var editor = fixture.Daemon.Connect();
        // A big render, then at once an edit that empties the project from another connection.
        s.Client.Send($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.render_image\",\"params\":{{\"project_id\":\"{s.Id}\",\"width\":2048,\"height\":2048,\"background_color\":[0,0,0,255]}},\"id\":77}}\n");
        Thread.Sleep(20);
        var cleared = editor.Result("goxel.procedural_shape", $"{{\"project_id\":\"{s.Id}\",\"shape_type\":\"cube\",\"size_x\":8,\"size_y\":8,\"size_z\":8,\"center_z\":4,\"color\":[0,0,0,0]}}");
        Assert.True(cleared.GetProperty("success").GetBoolean());
        var render = s.Client.ReadJson();
        Assert.Equal(77, render.GetProperty("id").GetInt32());
        // The cube is in the picture, although the project was emptied while it rendered.
        Assert.True(LitPixels(render.GetProperty("result")) > 10_000);
        Assert.Equal(0, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        Assert.Equal(0, LitPixels(s.Result("goxel.render_image", "{\"width\":256,\"height\":256,\"background_color\":[0,0,0,255]}")));
    }

    [Fact]
    public void HiddenLayersAreLeftOutOfRendersAndFlatExports()
    {
        using var s = Scene(fixture.Daemon);
        Assert.True(LitPixels(s.Result("goxel.render_image", "{\"width\":64,\"height\":64,\"background_color\":[0,0,0,255]}")) > 100);
        s.Result("goxel.set_layer_visibility", "{\"layer_id\":1,\"visible\":false}");
        Assert.Equal(0, LitPixels(s.Result("goxel.render_image", "{\"width\":64,\"height\":64,\"background_color\":[0,0,0,255]}")));
        var txt = Path.Combine(fixture.Daemon.Directory, "hidden.txt");
        s.Result("goxel.export_model", $"{{\"path\":{RawClient.Quote(txt)}}}");
        Assert.DoesNotContain(File.ReadAllLines(txt), l => l.Length > 0 && !l.StartsWith('#'));
    }

    [Fact]
    public void ExportModelPngRenders()
    {
        using var s = Scene(fixture.Daemon);
        var path = Path.Combine(fixture.Daemon.Directory, "export.png");
        s.Result("goxel.export_model", $"{{\"path\":{RawClient.Quote(path)}}}");
        Assert.Equal((1024, 1024), PngSize(File.ReadAllBytes(path)));
    }
}
