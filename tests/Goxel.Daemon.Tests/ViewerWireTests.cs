using System.Globalization;
using System.Net;
using System.Text;

namespace Goxel.Daemon.Tests;

/// <summary>The viewer's own HTTP/1.1 server on the wire (docs/viewer.md): raw requests over TCP, as no well-behaved client sends them.</summary>
public sealed class ViewerWireTests(ViewerDaemon viewer) : IClassFixture<ViewerDaemon>
{
    private const string SampleKey = "dGhlIHNhbXBsZSBub25jZQ==";

    private RawClient Connect() => RawClient.Tcp(new IPEndPoint(IPAddress.Loopback, viewer.Base.Port));

    /// <summary>A request head with this server's Host and the token cookie, and <paramref name="fields"/> (each ending in CRLF).</summary>
    private string Request(string method, string target, string fields = "") =>
        $"{method} {target} HTTP/1.1\r\nHost: {viewer.Base.Authority}\r\nCookie: {ViewerDaemon.Cookie}\r\n{fields}\r\n";

    /// <summary>One response: status, fields and body (none after HEAD or 101); every other one must carry Content-Length.</summary>
    private static (int Status, Dictionary<string, string> Fields, string Body) Response(RawClient client, bool head = false)
    {
        var status = int.Parse(client.ReadLine().Split(' ')[1], CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = client.ReadLine().TrimEnd('\r'); line.Length > 0; line = client.ReadLine().TrimEnd('\r'))
            fields[line[..line.IndexOf(':')]] = line[(line.IndexOf(':') + 1)..].Trim();
        if (status == 101) return (status, fields, "");
        Assert.True(fields.TryGetValue("Content-Length", out var length), $"{status} without Content-Length");
        return (status, fields, head ? "" : Encoding.UTF8.GetString(client.Read(int.Parse(length, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void AMalformedRequestIs400AndTheConnectionCloses()
    {
        foreach (var request in new[]
        {
            "GARBAGE\r\n\r\n",
            $"GET /api/projects\r\nHost: {viewer.Base.Authority}\r\n\r\n",
            $"GET api/projects HTTP/1.1\r\nHost: {viewer.Base.Authority}\r\n\r\n",
            "GET /api/projects HTTP/1.1\r\n\r\n",
            $"GET /api/projects HTTP/1.1\r\nHost : {viewer.Base.Authority}\r\n\r\n",
            $"GET /api/projects HTTP/1.1\r\nHost: {viewer.Base.Authority}\r\nContent-Length: 1, 2\r\n\r\n",
        })
        {
            using var client = Connect();
            client.Send(request);
            var response = Response(client);
            Assert.Equal(400, response.Status);
            Assert.Equal("close", response.Fields["Connection"]);
            Assert.True(client.IsClosedByPeer(), request);
        }
    }

    [Fact]
    public void AHeadOver16KiBIs431()
    {
        using var client = Connect();
        client.Send(Request("GET", "/api/projects", $"X-Padding: {new string('a', 20_000)}\r\n"));
        var response = Response(client);
        Assert.Equal(431, response.Status);
        Assert.Contains("16 KiB", response.Body);
        Assert.True(client.IsClosedByPeer());
    }

    [Fact]
    public void OneKeptAliveConnectionAnswersRequestAfterRequestUntilConnectionClose()
    {
        using var client = Connect();
        for (var i = 0; i < 2; i++)
        {
            client.Send(Request("GET", "/api/projects"));
            var response = Response(client);
            Assert.Equal(200, response.Status);
            Assert.Contains("\"projects\"", response.Body);
            Assert.False(response.Fields.ContainsKey("Connection"));
        }
        client.Send(Request("GET", "/api/projects", "Connection: close\r\n"));
        var last = Response(client);
        Assert.Equal(200, last.Status);
        Assert.Equal("close", last.Fields["Connection"]);
        Assert.True(client.IsClosedByPeer());
    }

    [Fact]
    public void HeadGetsTheHeadersOfGetWithoutTheBody()
    {
        using var client = Connect();
        client.Send(Request("GET", "/api/projects"));
        var get = Response(client);
        client.Send(Request("HEAD", "/api/projects"));
        var head = Response(client, head: true);
        Assert.Equal(200, head.Status);
        Assert.Equal("application/json", head.Fields["Content-Type"]);
        Assert.Equal(get.Body.Length.ToString(CultureInfo.InvariantCulture), head.Fields["Content-Length"]);
        Assert.True(client.IsSilentFor(TimeSpan.FromMilliseconds(300)), "bytes came after the HEAD answer's head");
        client.Send(Request("GET", "/api/projects"));
        Assert.Equal(get.Body, Response(client).Body);
    }

    [Fact]
    public void BodiesComeOnlyWithContentLengthAndUpTo1MiB()
    {
        using (var client = Connect())
        {
            client.Send(Request("POST", "/api/projects/p1/render", "Transfer-Encoding: chunked\r\n") + "9\r\n{\"a\":12}\n\r\n0\r\n\r\n");
            var response = Response(client);
            Assert.Equal(411, response.Status);
            Assert.Contains("Content-Length", response.Body);
            Assert.True(client.IsClosedByPeer());
        }
        using (var client = Connect())
        {
            client.Send(Request("POST", "/api/projects/p1/render", "Content-Length: 2000000\r\n"));
            var response = Response(client);
            Assert.Equal(413, response.Status);
            Assert.True(client.IsClosedByPeer());
        }
    }

    [Fact]
    public void AWebSocketUpgradeOfAnotherVersionIsRefusedAndVersion13IsAccepted()
    {
        using var scope = new ProjectScope(viewer.Daemon, "wire");
        var upgrade = $"Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: {SampleKey}\r\n";
        using (var client = Connect())
        {
            client.Send(Request("GET", $"/api/projects/{scope.Id}/live", upgrade + "Sec-WebSocket-Version: 8\r\n"));
            var refused = Response(client);
            Assert.Equal(426, refused.Status);
            Assert.Equal("13", refused.Fields["Sec-WebSocket-Version"]);
        }
        using (var client = Connect())
        {
            client.Send(Request("GET", $"/api/projects/{scope.Id}/live", upgrade + "Sec-WebSocket-Version: 13\r\n"));
            var accepted = Response(client);
            Assert.Equal(101, accepted.Status);
            // RFC 6455's own example key and answer.
            Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", accepted.Fields["Sec-WebSocket-Accept"]);
            Assert.Equal("websocket", accepted.Fields["Upgrade"]);
        }
        scope.Result("goxel.close_project");
    }
}
