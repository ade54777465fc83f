using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>The live viewer's HTTP side (docs/viewer.md): access rules, the API and the live WebSocket, over the wire.</summary>
public sealed class ViewerTests(ViewerDaemon viewer) : IClassFixture<ViewerDaemon>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ProjectScope NewProject(string name = "viewed") => new(viewer.Daemon, name);

    private static void Close(ProjectScope scope) => scope.Result("goxel.close_project");

    [Fact]
    public void WithoutTheTokenEverythingIs401WithAPageSayingWhatToOpen()
    {
        foreach (var path in new[] { "/", "/api/projects", "/api/projects/p1/blocks", "/projects/p1", "/api/projects?token=wrong-token" })
        {
            using var response = viewer.Get(path, cookie: false);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("?token=", ViewerDaemon.Text(response));
        }
        var wrongCookie = viewer.Request(HttpMethod.Get, "/api/projects", cookie: false);
        wrongCookie.Headers.Add("Cookie", "goxel_token=not-it");
        using var refused = viewer.Send(wrongCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public void TheTokenInTheUrlBecomesAnHttpOnlyCookieThatOpensTheApi()
    {
        using var redirect = viewer.Get($"/api/projects?token={ViewerDaemon.Token}", cookie: false);
        Assert.Equal(HttpStatusCode.SeeOther, redirect.StatusCode);
        Assert.Equal("/api/projects", redirect.Headers.Location?.OriginalString);
        var cookie = Assert.Single(redirect.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(ViewerDaemon.Cookie + ";", cookie, StringComparison.Ordinal);
        Assert.Contains("HttpOnly", cookie, StringComparison.Ordinal);
        Assert.Contains("SameSite=Strict", cookie, StringComparison.Ordinal);
        Assert.Contains("Path=/", cookie, StringComparison.Ordinal);

        using var withCookie = viewer.Get("/api/projects");
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal("application/json", withCookie.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(ViewerDaemon.Text(withCookie)).RootElement.GetProperty("projects").ValueKind);

        var bearer = viewer.Request(HttpMethod.Get, "/api/projects", cookie: false);
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ViewerDaemon.Token);
        using var withBearer = viewer.Send(bearer);
        Assert.Equal(HttpStatusCode.OK, withBearer.StatusCode);
    }

    [Fact]
    public async Task AForeignOriginIsRefusedEvenWithTheToken()
    {
        using var scope = NewProject();
        foreach (var origin in new[] { "http://evil.example", $"http://evil.example:{viewer.Base.Port}", "null", $"https://{viewer.Base.Authority}" })
        {
            var get = viewer.Request(HttpMethod.Get, "/api/projects");
            get.Headers.Add("Origin", origin);
            using var refused = viewer.Send(get);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        var post = viewer.Request(HttpMethod.Post, $"/api/projects/{scope.Id}/render");
        post.Headers.Add("Origin", "http://evil.example");
        post.Content = new StringContent("{\"width\":8,\"height\":8}", Encoding.UTF8, "application/json");
        using (var refusedPost = viewer.Send(post)) Assert.Equal(HttpStatusCode.Forbidden, refusedPost.StatusCode);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => viewer.LiveAsync(scope.Id, "http://evil.example"));
        Assert.Contains("403", error.Message);

        var own = viewer.Request(HttpMethod.Get, "/api/projects");
        own.Headers.Add("Origin", viewer.Base.GetLeftPart(UriPartial.Authority));
        using (var allowed = viewer.Send(own)) Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Close(scope);
    }

    [Fact]
    public void AHostHeaderThatIsNotThisServerIsRefused()
    {
        foreach (var host in new[] { $"evil.example:{viewer.Base.Port}", "127.0.0.1:1", "localhost" })
        {
            var request = viewer.Request(HttpMethod.Get, "/api/projects");
            request.Headers.Host = host;
            using var response = viewer.Send(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        foreach (var host in new[] { $"localhost:{viewer.Base.Port}", $"127.0.0.1:{viewer.Base.Port}" })
        {
            var request = viewer.Request(HttpMethod.Get, "/api/projects");
            request.Headers.Host = host;
            using var response = viewer.Send(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>The project's version as the viewer's API reports it (a process-wide change number).</summary>
    private long VersionOf(string id)
    {
        using var info = viewer.Get($"/api/projects/{id}");
        return JsonDocument.Parse(ViewerDaemon.Text(info)).RootElement.GetProperty("version").GetInt64();
    }

    [Fact]
    public void ProjectsAreListedAndDescribed()
    {
        using var scope = NewProject("listed one");
        scope.Result("goxel.add_voxel", "{\"x\":-3,\"y\":4,\"z\":5,\"color\":[10,20,30,255]}");
        scope.Result("goxel.add_voxel", "{\"x\":20,\"y\":4,\"z\":1,\"color\":[10,20,30,255]}");
        scope.Result("goxel.create_layer", "{\"name\":\"second\"}");

        using var list = viewer.Get("/api/projects");
        var row = JsonDocument.Parse(ViewerDaemon.Text(list)).RootElement.GetProperty("projects").EnumerateArray()
            .Single(p => p.GetProperty("id").GetString() == scope.Id);
        Assert.Equal("listed one", row.GetProperty("name").GetString());
        Assert.Equal(2, row.GetProperty("voxel_count").GetInt64());
        Assert.Equal(2, row.GetProperty("layers").GetInt32());
        var version = row.GetProperty("version").GetInt64();
        Assert.True(version > 0);
        Assert.True(DateTime.TryParse(row.GetProperty("last_change").GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal, out var changed));
        Assert.True(Math.Abs((DateTime.UtcNow - changed).TotalMinutes) < 5, $"last_change {changed:O}");

        using var info = viewer.Get($"/api/projects/{scope.Id}");
        var project = JsonDocument.Parse(ViewerDaemon.Text(info)).RootElement;
        Assert.Equal(scope.Id, project.GetProperty("id").GetString());
        Assert.Equal(version, project.GetProperty("version").GetInt64());
        var layers = project.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(["Layer 1", "second"], layers.Select(l => l.GetProperty("name").GetString()));
        Assert.All(layers, l => Assert.True(l.GetProperty("visible").GetBoolean()));
        Assert.All(layers, l => Assert.Equal(4, l.GetProperty("color").GetArrayLength()));
        Assert.Equal("[-3,4,1]", project.GetProperty("bounds").GetProperty("min").GetRawText());
        Assert.Equal("[20,4,5]", project.GetProperty("bounds").GetProperty("max").GetRawText());

        using var missing = viewer.Get("/api/projects/p999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Close(scope);
    }

    [Fact]
    public void BlocksAreAFullSnapshotAndDownloadsLoadBack()
    {
        using var scope = NewProject("down load");
        scope.Result("goxel.add_voxel", "{\"x\":1,\"y\":2,\"z\":3,\"color\":[200,100,50,255]}");
        scope.Result("goxel.add_voxel", "{\"x\":40,\"y\":2,\"z\":3,\"color\":[0,100,250,255]}");

        using var blocks = viewer.Get($"/api/projects/{scope.Id}/blocks");
        Assert.Equal("application/octet-stream", blocks.Content.Headers.ContentType?.MediaType);
        var message = BlockMessageReader.Decode(ViewerDaemon.Bytes(blocks));
        Assert.True(message.Full);
        Assert.Equal((ulong)VersionOf(scope.Id), message.Version);
        var page = new BlockMessageReader.Page();
        page.Apply(message);
        Assert.Equal(new Dictionary<(int, int, int), uint> { [(1, 2, 3)] = Packed(200, 100, 50), [(40, 2, 3)] = Packed(0, 100, 250) }, page.Voxels(1));

        foreach (var extension in new[] { "vox", "gox" })
        {
            using var download = viewer.Get($"/api/projects/{scope.Id}/download.{extension}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal($"attachment; filename=\"down_load.{extension}\"", download.Content.Headers.ContentDisposition?.ToString());
            var file = Path.Combine(viewer.Daemon.Directory, $"download-{Guid.NewGuid():N}.{extension}");
            File.WriteAllBytes(file, ViewerDaemon.Bytes(download));
            using var client = viewer.Daemon.Connect();
            var loaded = client.Result("goxel.load_project", new { path = file });
            Assert.Equal(2, loaded.GetProperty("voxel_count").GetInt32());
            var id = loaded.GetProperty("project_id").GetString();
            Assert.Equal("[200,100,50,255]", client.Result("goxel.get_voxel", new { project_id = id, x = 1, y = 2, z = 3 }).GetProperty("color").GetRawText());
            client.Result("goxel.close_project", new { project_id = id });
            File.Delete(file);
        }
        using var glb = viewer.Get($"/api/projects/{scope.Id}/download.glb");
        Assert.Equal("model/gltf-binary", glb.Content.Headers.ContentType?.MediaType);
        Assert.Equal("glTF"u8.ToArray(), ViewerDaemon.Bytes(glb)[..4]);
        using var unknown = viewer.Get($"/api/projects/{scope.Id}/download.exe");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Close(scope);
    }

    [Fact]
    public void RenderAnswersAPngOfTheAskedSize()
    {
        using var scope = NewProject();
        scope.Result("goxel.add_voxel", "{\"x\":0,\"y\":0,\"z\":0,\"color\":[255,0,0,255]}");
        var post = viewer.Request(HttpMethod.Post, $"/api/projects/{scope.Id}/render");
        post.Content = new StringContent("{\"width\":64,\"height\":48}", Encoding.UTF8, "application/json");
        using var response = viewer.Send(post);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var png = ViewerDaemon.Bytes(response);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(64, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(48, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));

        var bad = viewer.Request(HttpMethod.Post, $"/api/projects/{scope.Id}/render");
        bad.Content = new StringContent("{\"width\":\"wide\"}", Encoding.UTF8, "application/json");
        using (var refused = viewer.Send(bad)) Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using (var get = viewer.Get($"/api/projects/{scope.Id}/render")) Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Close(scope);
    }

    [Fact]
    public async Task TheLiveSocketSendsASnapshotThenTheChangedBlockThenClosed()
    {
        using var scope = NewProject();
        scope.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[1,2,3,255]}");
        scope.Result("goxel.add_voxel", "{\"x\":300,\"y\":1,\"z\":1,\"color\":[1,2,3,255]}");
        using var socket = await viewer.LiveAsync(scope.Id);

        var layers = await Next(socket, WebSocketMessageType.Text);
        Assert.Equal("Layer 1", JsonDocument.Parse(layers).RootElement.GetProperty("layers")[0].GetProperty("name").GetString());
        var full = BlockMessageReader.Decode(await Next(socket, WebSocketMessageType.Binary));
        Assert.True(full.Full);
        Assert.Equal(2, full.Records.Count);
        var page = new BlockMessageReader.Page();
        page.Apply(full);

        var clock = Stopwatch.StartNew();
        scope.Result("goxel.add_voxel", "{\"x\":100,\"y\":-100,\"z\":100,\"color\":[9,8,7,255]}");
        var delta = BlockMessageReader.Decode(await Next(socket, WebSocketMessageType.Binary));
        var latency = clock.Elapsed;
        Assert.True(latency < TimeSpan.FromSeconds(1), $"the delta came after {latency}");
        Assert.False(delta.Full);
        Assert.Equal((ulong)VersionOf(scope.Id), delta.Version);
        var record = Assert.Single(delta.Records);
        Assert.Equal((1, 96, -112, 96), (record.Layer, record.X, record.Y, record.Z));
        page.Apply(delta);
        Assert.Equal(Packed(9, 8, 7), page.Voxels(1)[(100, -100, 100)]);
        Assert.Equal(3, page.Voxels(1).Count);

        // Removing the last voxel of a block removes the block.
        scope.Result("goxel.remove_voxel", "{\"x\":300,\"y\":1,\"z\":1}");
        var removal = BlockMessageReader.Decode(await Next(socket, WebSocketMessageType.Binary));
        Assert.Equal(0, Assert.Single(removal.Records).Kind);

        Close(scope);
        Assert.Equal("{\"closed\":true}", Encoding.UTF8.GetString(await Next(socket, WebSocketMessageType.Text)));
        var end = await ViewerDaemon.ReceiveAsync(socket, Wait);
        Assert.Equal(WebSocketMessageType.Close, end?.Type);
    }

    [Fact]
    public async Task APageThatDoesNotReadGetsARecentStateAndTheDaemonStaysBounded()
    {
        using var scope = NewProject("slow page");
        using var socket = await viewer.LiveAsync(scope.Id);
        await Next(socket, WebSocketMessageType.Text);
        var page = new BlockMessageReader.Page();
        page.Apply(BlockMessageReader.Decode(await Next(socket, WebSocketMessageType.Binary)));
        var before = viewer.ResidentBytes();

        // A few thousand edits, each in a block of its own, while the page reads nothing.
        const int edits = 3000;
        var requests = new StringBuilder();
        for (var i = 0; i < edits; i++)
            requests.Append($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":{{\"project_id\":\"{scope.Id}\",\"x\":{i % 60 * 16},\"y\":{i / 60 * 16},\"z\":{i % 7},\"color\":[{i % 256},1,2,255]}},\"id\":{i}}}\n");
        scope.Client.Send(requests.ToString());
        for (var i = 0; i < edits; i++) Assert.DoesNotContain("\"error\"", scope.Client.ReadLine());
        await Task.Delay(500);
        var during = viewer.ResidentBytes();

        var last = (ulong)VersionOf(scope.Id);
        var messages = 0;
        while (page.Version < last)
        {
            var next = await ViewerDaemon.ReceiveAsync(socket, Wait);
            Assert.True(next is not null, $"no message after version {page.Version} of {edits}");
            messages++;
            if (next.Value.Type == WebSocketMessageType.Binary) page.Apply(BlockMessageReader.Decode(next.Value.Data));
        }
        Assert.Equal(last, page.Version);
        Assert.Equal(edits, page.Voxels(1).Count);
        Assert.True(messages < edits / 4, $"{messages} messages for {edits} edits: the socket queued edit by edit");
        Assert.True(during - before < 200L << 20, $"resident memory grew by {(during - before) >> 20} MB while the page did not read");
        Close(scope);
    }

    [Fact]
    public void AnHttpAddressOffLoopbackNeedsAllowRemote()
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "r.sock");
        using var daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--http", "192.0.2.1:8080"], socket, ownsDirectory: true);
        Assert.True(daemon.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal(1, daemon.Process.ExitCode);
        Assert.Contains("--allow-remote", daemon.Stderr);
    }

    private static uint Packed(byte r, byte g, byte b) => r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;

    private static async Task<byte[]> Next(WebSocket socket, WebSocketMessageType type)
    {
        var message = await ViewerDaemon.ReceiveAsync(socket, Wait);
        Assert.True(message is not null, "no message in time");
        Assert.Equal(type, message.Value.Type);
        return message.Value.Data;
    }
}
