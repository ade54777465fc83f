using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The foundation's methods through the wire, both parameter shapes (spec section 3).</summary>
public sealed class FirstMethodTests : IDisposable
{
    // A daemon of its own: these tests change the current project.
    private readonly DaemonProcess _daemon = DaemonProcess.Start();
    private readonly RawClient _client;

    public FirstMethodTests() => _client = _daemon.Connect();

    public void Dispose()
    {
        _client.Dispose();
        _daemon.Dispose();
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    [Fact]
    public void EchoReturnsParamsOrEmptyObject()
    {
        Assert.Equal("[1,\"two\",{\"three\":3}]", _client.Result("echo", "[1,\"two\",{\"three\":3}]").GetRawText());
        Assert.Equal("{}", _client.Result("echo").GetRawText());
    }

    [Fact]
    public void VersionStatusPing()
    {
        var version = _client.Result("version");
        Assert.Equal("daemon", version.GetProperty("type").GetString());
        Assert.Equal("JSON-RPC 2.0", version.GetProperty("protocol").GetString());
        Assert.Matches(@"^\d+\.\d+\.\d+$", version.GetProperty("version").GetString());

        var status = _client.Result("status");
        Assert.Equal("running", status.GetProperty("status").GetString());
        Assert.Equal(_daemon.Process.Id, status.GetProperty("pid").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", status.GetProperty("current_time").GetString());
        Assert.True(status.GetProperty("goxel_initialized").GetBoolean());
        Assert.Equal(35, status.GetProperty("methods_available").GetInt32());

        var ping = _client.Result("ping");
        Assert.True(ping.GetProperty("pong").GetBoolean());
        Assert.InRange(ping.GetProperty("timestamp").GetInt64(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
    }

    [Fact]
    public void ListMethodsNamesAllThirtyFourOriginals()
    {
        var list = _client.Result("list_methods");
        Assert.Equal(35, list.GetProperty("count").GetInt32());
        var names = list.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()).ToList();
        Assert.Equal(35, names.Distinct().Count());
        Assert.Equal(["echo", "version", "status", "ping", "list_methods", "add_voxels"], names.Take(6));
        Assert.Equal(29, names.Count(n => n!.StartsWith("goxel.", StringComparison.Ordinal)));
        Assert.All(list.GetProperty("methods").EnumerateArray(), m => Assert.False(string.IsNullOrEmpty(m.GetProperty("description").GetString())));
        // Every listed method answers: either for real or with a clear "not implemented yet".
        foreach (var name in names)
        {
            var response = _client.Call(name!, "{}");
            if (response.TryGetProperty("error", out var error))
                Assert.NotEqual(-32601, error.GetProperty("code").GetInt32());
        }
    }

    [Fact]
    public void CreateProjectPositionalAndNamedWithDefaults()
    {
        var positional = _client.Result("goxel.create_project", "[\"Pos\",16,24,8]");
        Assert.Equal("Pos", positional.GetProperty("name").GetString());
        Assert.Equal(16, positional.GetProperty("width").GetInt32());
        Assert.True(positional.GetProperty("success").GetBoolean());
        var status = _client.Result("goxel.get_status");
        Assert.Equal(1, status.GetProperty("layer_count").GetInt32());
        Assert.Equal(16, status.GetProperty("width").GetInt32());
        Assert.Equal(24, status.GetProperty("height").GetInt32());
        Assert.Equal(8, status.GetProperty("depth").GetInt32());
        Assert.False(status.GetProperty("read_only").GetBoolean());

        var named = _client.Result("goxel.create_project", new { depth = -5 });
        Assert.Equal("New Project", named.GetProperty("name").GetString());
        Assert.Equal(64, named.GetProperty("width").GetInt32());
        Assert.Equal(64, named.GetProperty("depth").GetInt32());
        Assert.NotEqual(positional.GetProperty("project_id").GetString(), named.GetProperty("project_id").GetString());
    }

    [Fact]
    public void AddVoxelPositionalStoresAndEchoes()
    {
        _client.Result("goxel.create_project", "[\"v\"]");
        var added = _client.Result("goxel.add_voxel", "[16,16,16,255,0,0,255]");
        // layer_id is the layer written (the original echoed the request's, 0 by default).
        Assert.Equal("{\"success\":true,\"x\":16,\"y\":16,\"z\":16,\"layer_id\":1,\"color\":[255,0,0,255]}", added.GetRawText());
        var voxel = _client.Result("goxel.get_voxel", "[16,16,16]");
        Assert.Equal("{\"x\":16,\"y\":16,\"z\":16,\"exists\":true,\"color\":[255,0,0,255]}", voxel.GetRawText());
    }

    [Theory]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":[10,20,30,40]}", new[] { 10, 20, 30, 40 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":[10,20,30]}", new[] { 10, 20, 30, 255 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":[300,-4,0.5,1.0]}", new[] { 255, 0, 127, 255 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":\"#0a141E\"}", new[] { 10, 20, 30, 255 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":\"#0A141E28\"}", new[] { 10, 20, 30, 40 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":{\"r\":10,\"g\":20,\"b\":30}}", new[] { 10, 20, 30, 255 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"color\":{\"r\":300,\"g\":20,\"b\":30,\"a\":40}}", new[] { 255, 20, 30, 40 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3}", new[] { 255, 255, 255, 255 })]
    [InlineData("{\"x\":1,\"y\":2,\"z\":3,\"r\":10,\"g\":20,\"b\":30}", new[] { 10, 20, 30, 255 })]
    [InlineData("{\"position\":{\"x\":1,\"y\":2,\"z\":3},\"color\":{\"r\":255,\"g\":0,\"b\":0,\"a\":255}}", new[] { 255, 0, 0, 255 })]
    [InlineData("{\"position\":[1,2,3],\"color\":[1,2,3,4]}", new[] { 1, 2, 3, 4 })]
    [InlineData("{\"x\":1.7,\"y\":2.2,\"z\":3.9,\"color\":[1,2,3,4]}", new[] { 1, 2, 3, 4 })]
    [InlineData("[1,2,3,\"#0A141E\"]", new[] { 10, 20, 30, 255 })]
    [InlineData("[1,2,3,10,20,30]", new[] { 10, 20, 30, 255 })]
    [InlineData("[1,2,3,999,-1,0.5,0.0]", new[] { 255, 0, 127, 0 })]
    [InlineData("[1,2,3]", new[] { 255, 255, 255, 255 })]
    public void AddVoxelColourForms(string parameters, int[] expected)
    {
        _client.Result("goxel.create_project", "[\"colours\"]");
        var added = _client.Result("goxel.add_voxel", parameters);
        Assert.Equal(expected, Ints(added.GetProperty("color")));
        var voxel = _client.Result("goxel.get_voxel", "[1,2,3]");
        Assert.Equal(expected[3] != 0, voxel.GetProperty("exists").GetBoolean());
        Assert.Equal(expected[3] == 0 ? [0, 0, 0, 0] : expected, Ints(voxel.GetProperty("color")));
    }

    [Theory]
    [InlineData("{\"color\":\"red\"}", "Invalid hex color format")]
    [InlineData("{\"color\":{\"r\":1,\"g\":2}}", "Color object missing r, g, b fields")]
    [InlineData("[0,0,0,\"nothex\"]", "Invalid hex color in array")]
    public void BadColoursAreInvalidParams(string parameters, string message)
    {
        _client.Result("goxel.create_project");
        var error = _client.Error("goxel.add_voxel", parameters);
        Assert.Equal(-32602, error.GetProperty("code").GetInt32());
        Assert.Equal(message, error.GetProperty("message").GetString());
    }

    [Fact]
    public void AddVoxelAcceptsTheWholeValidRangeAndNothingBeyond()
    {
        _client.Result("goxel.create_project");
        _client.Result("goxel.add_voxel", "[-1073741823,1073741823,100000,1,2,3,255]");
        Assert.True(_client.Result("goxel.get_voxel", "[-1073741823,1073741823,100000]").GetProperty("exists").GetBoolean());
        Assert.Equal(-32602, _client.Error("goxel.add_voxel", "[-2147483648,2147483647,100000,1,2,3,255]").GetProperty("code").GetInt32());
    }

    [Fact]
    public void RemoveVoxelEmptiesTheCellAndRejectsUnknownLayers()
    {
        _client.Result("goxel.create_project");
        _client.Result("goxel.add_voxel", "[5,5,5,1,2,3,255]");
        var removed = _client.Result("goxel.remove_voxel", new { x = 5, y = 5, z = 5 });
        Assert.True(removed.GetProperty("success").GetBoolean());
        Assert.False(_client.Result("goxel.get_voxel", "[5,5,5]").GetProperty("exists").GetBoolean());
        Assert.True(_client.Result("goxel.remove_voxel", "[9,9,9]").GetProperty("success").GetBoolean());
        Assert.Equal(-32602, _client.Error("goxel.remove_voxel", "[5,5,5,42]").GetProperty("code").GetInt32());
    }

    [Fact]
    public void AddVoxelsCountsAddedAndFailed()
    {
        _client.Result("goxel.create_project");
        var result = _client.Result("add_voxels", "{\"voxels\":[{\"x\":1,\"y\":1,\"z\":1,\"r\":1,\"g\":2,\"b\":3},"
            + "{\"x\":2,\"y\":1,\"z\":1,\"r\":1,\"g\":2,\"b\":3,\"a\":128},"
            + "{\"x\":3,\"y\":1,\"z\":1,\"r\":300,\"g\":2,\"b\":3},"
            + "{\"x\":4.5,\"y\":1,\"z\":1,\"r\":1,\"g\":2,\"b\":3}]}");
        Assert.Equal("{\"success\":false,\"added\":2,\"failed\":2}", result.GetRawText());
        Assert.Equal([1, 2, 3, 128], Ints(_client.Result("goxel.get_voxel", "[2,1,1]").GetProperty("color")));

        var positional = _client.Result("add_voxels", "[[{\"x\":9,\"y\":9,\"z\":9,\"r\":1,\"g\":2,\"b\":3}]]");
        Assert.Equal("{\"success\":true,\"added\":1,\"failed\":0}", positional.GetRawText());
        Assert.Equal("Missing voxels parameter", _client.Error("add_voxels").GetProperty("message").GetString());
        Assert.Equal("Invalid voxels parameter (must be array)", _client.Error("add_voxels", new { voxels = 3 }).GetProperty("message").GetString());
    }

    [Fact]
    public void BoundingBoxIsInclusiveWithTrueDimensions()
    {
        _client.Result("goxel.create_project");
        Assert.Equal("{\"empty\":true}", _client.Result("goxel.get_bounding_box", "{}").GetRawText());
        _client.Result("goxel.add_voxel", "[-100000,0,0,1,1,1,255]");
        _client.Result("goxel.add_voxel", "[21,3,-2,1,1,1,255]");
        var box = _client.Result("goxel.get_bounding_box", new { exact = true });
        Assert.False(box.GetProperty("empty").GetBoolean());
        Assert.Equal([-100000, 0, -2], Ints(box.GetProperty("min")));
        Assert.Equal([21, 3, 0], Ints(box.GetProperty("max")));
        Assert.Equal([100022, 4, 3], Ints(box.GetProperty("dimensions")));
        Assert.Equal(-32602, _client.Error("goxel.get_bounding_box", new { layer_id = 77 }).GetProperty("code").GetInt32());
    }

    [Fact]
    public void ProjectIdSelectsAProject()
    {
        var first = _client.Result("goxel.create_project", new { name = "first" }).GetProperty("project_id").GetString();
        _client.Result("goxel.create_project", new { name = "second" });
        _client.Result("goxel.add_voxel", new { x = 1, y = 1, z = 1, project_id = first });
        Assert.True(_client.Result("goxel.get_voxel", new { x = 1, y = 1, z = 1, project_id = first }).GetProperty("exists").GetBoolean());
        Assert.False(_client.Result("goxel.get_voxel", new { x = 1, y = 1, z = 1 }).GetProperty("exists").GetBoolean());
        Assert.Equal(-32602, _client.Error("goxel.get_voxel", new { project_id = "nope" }).GetProperty("code").GetInt32());
    }
}

/// <summary>Before any project exists every read or edit gets a clear error, never a crash.</summary>
public sealed class NoProjectTests(DaemonFixture fixture) : IClassFixture<DaemonFixture>
{
    [Theory]
    [InlineData("goxel.add_voxel", -1004)]
    [InlineData("goxel.remove_voxel", -1005)]
    [InlineData("goxel.get_voxel", -1006)]
    [InlineData("goxel.get_bounding_box", -32603)]
    [InlineData("add_voxels", -32603)]
    public void EditsAndReadsFailClearly(string method, int code)
    {
        using var client = fixture.Daemon.Connect();
        var parameters = method == "add_voxels" ? "{\"voxels\":[]}" : "{}";
        var error = client.Error(method, parameters);
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Contains("no project is open", error.GetProperty("message").GetString());
        Assert.True(client.Result("ping").GetProperty("pong").GetBoolean());
    }

    [Fact]
    public void StatusReportsZerosWithoutAProject()
    {
        using var client = fixture.Daemon.Connect();
        var status = client.Result("goxel.get_status");
        Assert.Equal(0, status.GetProperty("layer_count").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("project_id").ValueKind);
    }
}
