using System.Net;
using System.Net.WebSockets;
using System.Text.RegularExpressions;

namespace Goxel.Daemon.Tests;

/// <summary>A daemon with the live viewer on (--http 127.0.0.1:0, a known token), and raw HTTP to it.</summary>
public sealed partial class ViewerDaemon : IDisposable
{
    public const string Token = "viewer-test-token-4f1d2a9c";

    public ViewerDaemon()
    {
        var dir = DaemonProcess.NewDirectory();
        var socket = Path.Combine(dir, "v.sock");
        Daemon = DaemonProcess.Launch(dir, ["--socket", socket, "--http", "127.0.0.1:0"], socket, ownsDirectory: true,
            environment: new Dictionary<string, string> { ["GOXEL_TOKEN"] = Token });
        Daemon.WaitUntilListening();
        Assert.True(Daemon.WaitForStderr("viewer: http://", TimeSpan.FromSeconds(20)), Daemon.Stderr);
        var url = ViewerUrl().Match(Daemon.Stderr);
        Assert.True(url.Success, Daemon.Stderr);
        Assert.Equal(Token, url.Groups[2].Value);
        Base = new Uri(url.Groups[1].Value);
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Base, Timeout = TimeSpan.FromSeconds(60) };
    }

    public DaemonProcess Daemon { get; }

    /// <summary>http://127.0.0.1:PORT/ as the daemon logged it.</summary>
    public Uri Base { get; }

    /// <summary>No cookies, no redirects: every header is the test's.</summary>
    public HttpClient Http { get; }

    /// <summary>The cookie a browser holds after the first visit.</summary>
    public static string Cookie => $"goxel_token={Token}";

    /// <summary>A request carrying the cookie (unless told not to).</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, bool cookie = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (cookie) request.Headers.Add("Cookie", Cookie);
        return request;
    }

    public HttpResponseMessage Send(HttpRequestMessage request) => Http.Send(request);

    public HttpResponseMessage Get(string path, bool cookie = true) => Send(Request(HttpMethod.Get, path, cookie));

    /// <summary>A response's body, read synchronously.</summary>
    public static byte[] Bytes(HttpResponseMessage response)
    {
        using var body = new MemoryStream();
        response.Content.ReadAsStream().CopyTo(body);
        return body.ToArray();
    }

    /// <summary>A response's body as UTF-8 text.</summary>
    public static string Text(HttpResponseMessage response) => System.Text.Encoding.UTF8.GetString(Bytes(response));

    /// <summary>The live WebSocket of a project, as the page opens it (cookie and own Origin).</summary>
    public async Task<ClientWebSocket> LiveAsync(string projectId, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", Cookie);
        socket.Options.SetRequestHeader("Origin", origin ?? Base.GetLeftPart(UriPartial.Authority));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await socket.ConnectAsync(new Uri($"ws://{Base.Authority}/api/projects/{projectId}/live"), timeout.Token);
        return socket;
    }

    /// <summary>The next whole message, or null when none came within <paramref name="wait"/>.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)?> ReceiveAsync(WebSocket socket, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var data = new MemoryStream();
        var buffer = new byte[1 << 16];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                data.Write(buffer, 0, result.Count);
                if (result.EndOfMessage) return (result.MessageType, data.ToArray());
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The daemon's resident memory in bytes (VmRSS).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{Daemon.Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public void Dispose()
    {
        Http.Dispose();
        Daemon.Dispose();
    }

    [GeneratedRegex(@"viewer: (http://\S+?)/\?token=(\S+)")]
    private static partial Regex ViewerUrl();
}
