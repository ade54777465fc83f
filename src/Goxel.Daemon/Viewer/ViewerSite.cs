using Goxel.Daemon.Http;
using Goxel.Daemon.Projects;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The viewer's HTTP application: every request passes <see cref="ViewerAccess"/> first, then
/// goes to the page files or the API by path (docs/viewer.md lists the routes).
/// </summary>
internal sealed class ViewerSite(ProjectStore projects, ProjectApi api, ViewerAccess access, ILoggerFactory loggers, CancellationToken stopping)
{
    private readonly ILogger _logger = loggers.CreateLogger<ViewerSite>();

    /// <summary>Answers one request; failures are logged and answered 500, never thrown (but a lost connection's).</summary>
    public async Task ProcessAsync(HttpExchange exchange)
    {
        var request = exchange.Request;
        switch (access.Check(request))
        {
            case AccessVerdict.Forbidden:
                await exchange.RespondAsync(403, "forbidden: this server answers only its own address and pages");
                return;
            case AccessVerdict.Unauthenticated:
                await exchange.RespondAsync(401, "text/html; charset=utf-8", Unauthenticated);
                return;
            case AccessVerdict.RedirectWithCookie:
                exchange.AddHeader("Location", request.RawPath);
                exchange.AddHeader("Set-Cookie", access.Cookie());
                exchange.AddHeader("Cache-Control", "no-store");
                await exchange.RespondAsync(303, null, ReadOnlyMemory<byte>.Empty);
                return;
        }
        try
        {
            await RouteAsync(exchange);
        }
        catch (Exception ex) when (ex is not (ConnectionLostException or BadRequestException) && (ex is not OperationCanceledException || !exchange.Aborted.IsCancellationRequested))
        {
            _logger.LogError(ex, "viewer: {Method} {Path} failed", request.Method, request.Path);
            if (!exchange.HasResponded) await exchange.RespondAsync(500, "internal error; the daemon's log says more");
        }
    }

    private async Task RouteAsync(HttpExchange exchange)
    {
        var path = exchange.Request.Path;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = exchange.Request.Method is "GET" or "HEAD";
        switch (parts)
        {
            case [] when get:
                await PageAsync(exchange, "index.html");
                return;
            case ["projects", _] when get:
                await PageAsync(exchange, "project.html");
                return;
            case ["assets", ..] when get:
                await PageAsync(exchange, path.TrimStart('/'));
                return;
            case ["api", "projects"] when get:
                await api.ListAsync(exchange);
                return;
            case ["api", "projects", var id, .. var rest]:
                await ProjectAsync(exchange, id, rest, get);
                return;
            case [] or ["projects", _] or ["assets", ..] or ["api", "projects"]:
                await NotAllowedAsync(exchange, "GET");
                return;
            default:
                await exchange.RespondAsync(404, "not found");
                return;
        }
    }

    private async Task ProjectAsync(HttpExchange exchange, string id, string[] rest, bool get)
    {
        if (projects.Peek(id) is not { } open)
        {
            await exchange.RespondAsync(404, $"no open project '{id}'");
            return;
        }
        switch (rest)
        {
            case [] when get:
                await api.InfoAsync(exchange, open);
                return;
            case ["blocks"] when get:
                await api.BlocksAsync(exchange, open);
                return;
            case [var file] when get && file.StartsWith("download.", StringComparison.Ordinal):
                await api.DownloadAsync(exchange, open, file["download.".Length..]);
                return;
            case ["render"] when exchange.Request.Method == "POST":
                await api.RenderAsync(exchange, open);
                return;
            case ["live"] when get:
                await LiveAsync(exchange, open);
                return;
            case [] or ["blocks"] or ["live"]:
                await NotAllowedAsync(exchange, "GET");
                return;
            case ["render"]:
                await NotAllowedAsync(exchange, "POST");
                return;
            default:
                await exchange.RespondAsync(404, "not found");
                return;
        }
    }

    // The live WebSocket; 426 (with the version spoken) without an upgrade.
    private async Task LiveAsync(HttpExchange exchange, OpenProject open)
    {
        if (WebSocketHandshake.Refusal(exchange.Request) is { } refusal)
        {
            if (refusal.Status == 426) exchange.AddHeader("Sec-WebSocket-Version", WebSocketHandshake.Version);
            await exchange.RespondAsync(refusal.Status, refusal.Message);
            return;
        }
        open.Touch();
        using var socket = await exchange.AcceptWebSocketAsync();
        await new LiveStream(projects, open.Id, socket).RunAsync(stopping);
    }

    private static async Task PageAsync(HttpExchange exchange, string file)
    {
        if (!PageAssets.Built)
        {
            await exchange.RespondAsync(503, "viewer not built: run scripts/build (npm builds viewer/dist into the daemon)");
            return;
        }
        await using var stream = PageAssets.Open(file);
        if (stream is null)
        {
            await exchange.RespondAsync(404, "not found");
            return;
        }
        if (file.EndsWith(".html", StringComparison.Ordinal)) exchange.AddHeader("Cache-Control", "no-cache");
        await exchange.RespondAsync(200, PageAssets.ContentType(file), stream);
    }

    private static Task NotAllowedAsync(HttpExchange exchange, string allow)
    {
        exchange.AddHeader("Allow", allow);
        return exchange.RespondAsync(405, $"only {allow} here");
    }

    private static readonly byte[] Unauthenticated = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>goxel-daemon viewer: token needed</title></head>
        <body><main><h1>Token needed</h1>
        <p>This viewer needs the daemon's token. Open the viewer URL the daemon logged when it started
        (it ends in <code>?token=…</code>); the browser then keeps the token in a cookie.</p></main></body></html>
        """u8.ToArray();
}
