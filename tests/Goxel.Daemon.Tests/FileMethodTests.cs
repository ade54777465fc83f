using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>load_project, save_project, export_model and import_file through the wire.</summary>
public sealed class FileMethodTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    private static string Fixtures =>
        Environment.GetEnvironmentVariable("GOXEL_FIXTURES") is { Length: > 0 } dir ? dir
            : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/fixtures"));

    private string Scratch(string name) => Path.Combine(fixture.Daemon.Directory, name);

    /// <summary>Fixtures live outside the allowed roots, so tests copy them into the workspace first.</summary>
    private string Fixture(string name)
    {
        var copy = Scratch("fx-" + name);
        if (!File.Exists(copy)) File.Copy(Path.Combine(Fixtures, name), copy);
        return copy;
    }

    [Theory]
    [InlineData("test.gox", 98)]
    [InlineData("rgb.gox", 99)]
    [InlineData("goxel-upstream-v2.gox", 14)]
    [InlineData("goxel-upstream-v1.gox", 8)]
    [InlineData("gox-shape-3-layers.vox", 1208)]
    public void LoadProjectMakesANewCurrentProject(string file, int voxels)
    {
        using var client = fixture.Daemon.Connect();
        var loaded = client.Result("goxel.load_project", new { path = Fixture(file) });
        Assert.True(loaded.GetProperty("success").GetBoolean());
        Assert.Equal(voxels, loaded.GetProperty("voxel_count").GetInt32());
        var info = client.Result("goxel.get_project_info");
        Assert.Equal(loaded.GetProperty("project_id").GetString(), info.GetProperty("project_id").GetString());
        Assert.Equal(voxels, info.GetProperty("voxel_count").GetInt32());
    }

    [Fact]
    public void SaveAndLoadBackIdentical()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"size_x\":9,\"size_y\":9,\"size_z\":9,\"r\":10,\"g\":200,\"b\":30}");
        s.Result("goxel.create_layer", "{\"name\":\"second\",\"visible\":false}");
        s.Result("goxel.add_voxel", "{\"x\":20,\"y\":0,\"z\":0,\"color\":[1,2,3,255]}");
        var path = Scratch("round.gox");
        var saved = s.Result("goxel.save_project", $"{{\"path\":{RawClient.Quote(path)}}}");
        Assert.Equal("gox", saved.GetProperty("format").GetString());
        Assert.True(saved.GetProperty("bytes").GetInt64() > 0);
        var loaded = s.Client.Result("goxel.load_project", $"[{RawClient.Quote(path)}]");
        var id = loaded.GetProperty("project_id").GetString();
        var layers = s.Client.Result("goxel.list_layers", new { project_id = id }).GetProperty("layers");
        Assert.Equal(2, layers.GetArrayLength());
        Assert.Equal("second", layers[1].GetProperty("name").GetString());
        Assert.False(layers[1].GetProperty("visible").GetBoolean());
        var before = s.Result("goxel.get_color_histogram", "{\"layer_id\":-2}").GetRawText();
        var after = s.Client.Result("goxel.get_color_histogram", new { project_id = id, layer_id = -2 }).GetRawText();
        Assert.Equal(before, after);
    }

    [Fact]
    public void SaveFollowsTheExtensionAndExportWritesMeshes()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":3,\"size_y\":3,\"size_z\":3,\"r\":255}");
        Assert.Equal("vox", s.Result("goxel.save_project", $"{{\"path\":{RawClient.Quote(Scratch("m.vox"))}}}").GetProperty("format").GetString());
        foreach (var (file, format) in new[] { ("m.obj", (string?)"obj"), ("m.ply", null), ("m.stl", null), ("m.glb", "glb"), ("m.gltf", null), ("m.txt", "text"), ("m.qb", null) })
        {
            var parameters = format is null ? $"{{\"path\":{RawClient.Quote(Scratch(file))}}}" : $"{{\"path\":{RawClient.Quote(Scratch(file))},\"format\":\"{format}\"}}";
            var exported = s.Result("goxel.export_model", parameters);
            Assert.True(exported.GetProperty("success").GetBoolean());
            Assert.Equal(format is not null, exported.TryGetProperty("format", out _));
            Assert.True(new FileInfo(Scratch(file)).Length > 0, file);
        }
        Assert.True(File.Exists(Scratch("m.mtl")));
        var txt = File.ReadAllLines(Scratch("m.txt")).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(27, txt.Length);
    }

    [Fact]
    public void ImportAddsTheFileAsNewLayers()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0}");
        var imported = s.Result("goxel.import_file", $"{{\"path\":{RawClient.Quote(Fixture("gox-shape-3-layers.vox"))}}}");
        Assert.Equal(1208, imported.GetProperty("layers").EnumerateArray().Sum(l => l.GetProperty("voxel_count").GetInt32()));
        Assert.True(s.Result("goxel.list_layers").GetProperty("count").GetInt32() >= 2);
        s.Result("goxel.undo");
        Assert.Equal(1, s.Result("goxel.list_layers").GetProperty("count").GetInt32());
    }

    [Fact]
    public void UnknownExportFormatIsTheOriginalsErrorListingTheSupportedOnes()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var error = s.Error("goxel.export_model", $"{{\"path\":{RawClient.Quote(Scratch("x.abc"))},\"format\":\"abc\"}}");
        Assert.Equal(-1007, error.GetProperty("code").GetInt32());
        Assert.StartsWith("Failed to export model '", error.GetProperty("message").GetString());
        Assert.Equal(-1007, s.Error("goxel.export_model", $"{{\"path\":{RawClient.Quote(Scratch("x.abc"))}}}").GetProperty("code").GetInt32());
        foreach (var name in new[] { "gox", "vox", "obj", "ply", "stl", "gltf", "qubicle", "text" })
            Assert.Contains(name, error.GetProperty("message").GetString());
        Assert.Equal("Missing required parameter: path", s.Error("goxel.save_project").GetProperty("message").GetString());
    }

    [Fact]
    public void LayerColourAndHiddenLayersSurviveSavingAndLoading()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.create_layer", "{\"name\":\"tinted\",\"r\":10,\"g\":20,\"b\":30,\"visible\":false}");
        s.Result("goxel.add_voxel", "{\"x\":1,\"y\":2,\"z\":3,\"color\":\"#FF8800\"}");
        foreach (var name in new[] { "tinted.gox", "tinted.vox" })
        {
            var path = Scratch(name);
            s.Result("goxel.save_project", $"{{\"path\":{RawClient.Quote(path)}}}");
            var id = s.Client.Result("goxel.load_project", new { path }).GetProperty("project_id").GetString();
            // .vox leaves the empty "Layer 1" out; .gox keeps it.
            var layer = s.Client.Result("goxel.list_layers", new { project_id = id }).GetProperty("layers").EnumerateArray().Single(l => l.GetProperty("name").GetString() == "tinted");
            Assert.False(layer.GetProperty("visible").GetBoolean());
            Assert.Equal(1, layer.GetProperty("voxel_count").GetInt32());
            if (name.EndsWith(".gox", StringComparison.Ordinal)) Assert.Equal("[10,20,30]", layer.GetProperty("color").GetRawText());
            File.Delete(path);
        }
    }

    [Fact]
    public void VoxFileNamedGoxLoadsByItsContent()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":4,\"y\":5,\"z\":6,\"color\":\"#336699\"}");
        var vox = Scratch("renamed.vox");
        s.Result("goxel.export_model", $"{{\"path\":{RawClient.Quote(vox)}}}");
        var gox = Scratch("renamed.gox");
        File.Move(vox, gox, overwrite: true);
        Assert.Equal(1, s.Client.Result("goxel.load_project", new { path = gox }).GetProperty("voxel_count").GetInt32());
        File.Delete(gox);
    }

    [Fact]
    public void PathsOutsideTheAllowedRootsAreRefused()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var denied = s.Client.Error("goxel.load_project", new { path = "/etc/hostname" });
        Assert.Equal(-32602, denied.GetProperty("code").GetInt32());
        Assert.Contains("outside the allowed folders", denied.GetProperty("message").GetString());
        Assert.Equal(-32602, s.Error("goxel.save_project", "{\"path\":\"../../../../etc/evil.gox\"}").GetProperty("code").GetInt32());
        var link = Scratch("escape");
        if (!Directory.Exists(link)) File.CreateSymbolicLink(link, "/etc");
        Assert.Equal(-32602, s.Error("goxel.save_project", $"{{\"path\":{RawClient.Quote(Path.Combine(link, "x.gox"))}}}").GetProperty("code").GetInt32());
    }

    [Fact]
    public void CorruptFilesFailClearlyAndChangeNothing()
    {
        using var s = new ProjectScope(fixture.Daemon);
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0}");
        var bad = Scratch("bad.gox");
        var bytes = File.ReadAllBytes(Path.Combine(Fixtures, "test.gox"));
        File.WriteAllBytes(bad, bytes[..(bytes.Length / 2)]);
        var error = s.Client.Error("goxel.load_project", new { path = bad });
        Assert.Equal(-1002, error.GetProperty("code").GetInt32());
        Assert.Contains("bad.gox", error.GetProperty("message").GetString());
        Assert.Equal(-1002, s.Error("goxel.import_file", $"{{\"path\":{RawClient.Quote(bad)}}}").GetProperty("code").GetInt32());
        File.WriteAllBytes(Scratch("empty.vox"), []);
        Assert.Equal(-1002, s.Client.Error("goxel.load_project", new { path = Scratch("empty.vox") }).GetProperty("code").GetInt32());
        Assert.Equal(1, s.Result("goxel.get_project_info").GetProperty("voxel_count").GetInt32());
        Assert.Equal(s.Id, s.Client.Result("goxel.get_project_info").GetProperty("project_id").GetString());
    }

    [Fact]
    public void FailedSaveKeepsThePreviousFile()
    {
        using var s = new ProjectScope(fixture.Daemon);
        var path = Scratch("keep.gox");
        s.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0}");
        s.Result("goxel.save_project", $"{{\"path\":{RawClient.Quote(path)}}}");
        var before = File.ReadAllBytes(path);
        var missingDir = Scratch("no/such/dir/x.gox");
        Assert.Equal(-1003, s.Error("goxel.save_project", $"{{\"path\":{RawClient.Quote(missingDir)}}}").GetProperty("code").GetInt32());
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void ListFormats()
    {
        using var client = fixture.Daemon.Connect();
        var formats = client.Result("goxel.list_formats").GetProperty("formats").EnumerateArray().ToList();
        Assert.Contains(formats, f => f.GetProperty("name").GetString() == "vox" && f.GetProperty("read").GetBoolean() && f.GetProperty("write").GetBoolean());
    }
}
