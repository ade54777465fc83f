using Goxel.Daemon.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Goxel.Daemon.Viewer;

/// <summary>
/// The viewer's HTTP application under Kestrel: every request passes <see cref="ViewerAccess"/>
/// first, then goes to the page files or the API by path (docs/viewer.md lists the routes).
/// </summary>
internal sealed class ViewerSite : IHttpApplication<HttpContext>
{
    private readonly ProjectStore _projects;
    private readonly ProjectApi _api;
    private readonly ILogger _logger;
    private readonly WebSocketMiddleware _webSockets;
    private readonly CancellationToken _stopping;
    private ViewerAccess? _access;

    /// <summary>A site over <paramref name="projects"/>; live streams end when <paramref name="stopping"/> fires.</summary>
    public ViewerSite(ProjectStore projects, ProjectApi api, ILoggerFactory loggers, CancellationToken stopping)
    {
        _projects = projects;
        _api = api;
        _logger = loggers.CreateLogger<ViewerSite>();
        _stopping = stopping;
        // The middleware only offers the upgrade to Route; Origin was checked before it runs.
        _webSockets = new WebSocketMiddleware(Route, Options.Create(new WebSocketOptions()), loggers);
    }

    /// <summary>The access rules, known once the listener has its port; until then requests get 503.</summary>
    public ViewerAccess? Access
    {
        get => Volatile.Read(ref _access);
        set => Volatile.Write(ref _access, value);
    }

    /// <inheritdoc/>
    public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

    /// <inheritdoc/>
    public void DisposeContext(HttpContext context, Exception? exception)
    {
    }

    /// <inheritdoc/>
    public async Task ProcessRequestAsync(HttpContext context)
    {
        if (Access is not { } access)
        {
            await StatusAsync(context, StatusCodes.Status503ServiceUnavailable, "the viewer is starting");
            return;
        }
        switch (access.Check(context.Request))
        {
            case AccessVerdict.Forbidden:
                await StatusAsync(context, StatusCodes.Status403Forbidden, "forbidden: this server answers only its own address and pages");
                return;
            case AccessVerdict.Unauthenticated:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await WriteAsync(context, "text/html; charset=utf-8", Unauthenticated);
                return;
            case AccessVerdict.RedirectWithCookie:
                context.Response.StatusCode = StatusCodes.Status303SeeOther;
                context.Response.Headers.Location = (context.Request.PathBase + context.Request.Path).ToUriComponent();
                context.Response.Headers.SetCookie = access.Cookie();
                context.Response.Headers.CacheControl = "no-store";
                return;
        }
        try
        {
            await _webSockets.Invoke(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError(ex, "viewer: {Method} {Path} failed", context.Request.Method, context.Request.Path);
            if (!context.Response.HasStarted) await StatusAsync(context, StatusCodes.Status500InternalServerError, "internal error; the daemon's log says more");
        }
    }

    private async Task Route(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        switch (parts)
        {
            case [] when get:
                await PageAsync(context, "index.html");
                return;
            case ["projects", _] when get:
                await PageAsync(context, "project.html");
                return;
            case ["assets", ..] when get:
                await PageAsync(context, path.TrimStart('/'));
                return;
            case ["api", "projects"] when get:
                await _api.ListAsync(context);
                return;
            case ["api", "projects", var id, .. var rest]:
                await ProjectAsync(context, id, rest, get);
                return;
            case [] or ["projects", _] or ["assets", ..] or ["api", "projects"]:
                await NotAllowedAsync(context, "GET");
                return;
            default:
                await StatusAsync(context, StatusCodes.Status404NotFound, "not found");
                return;
        }
    }

    private async Task ProjectAsync(HttpContext context, string id, string[] rest, bool get)
    {
        if (_projects.Peek(id) is not { } open)
        {
            await StatusAsync(context, StatusCodes.Status404NotFound, $"no open project '{id}'");
            return;
        }
        switch (rest)
        {
            case [] when get:
                await _api.InfoAsync(context, open);
                return;
            case ["blocks"] when get:
                await _api.BlocksAsync(context, open);
                return;
            case [var file] when get && file.StartsWith("download.", StringComparison.Ordinal):
                await _api.DownloadAsync(context, open, file["download.".Length..]);
                return;
            case ["render"] when HttpMethods.IsPost(context.Request.Method):
                await _api.RenderAsync(context, open);
                return;
            case ["live"] when get && context.WebSockets.IsWebSocketRequest:
                open.Touch();
                using (var socket = await context.WebSockets.AcceptWebSocketAsync())
                    await new LiveStream(_projects, open.Id, socket).RunAsync(_stopping);
                return;
            case ["live"] when get:
                await StatusAsync(context, StatusCodes.Status426UpgradeRequired, "this is a WebSocket endpoint");
                return;
            case [] or ["blocks"] or ["live"]:
                await NotAllowedAsync(context, "GET");
                return;
            case ["render"]:
                await NotAllowedAsync(context, "POST");
                return;
            default:
                await StatusAsync(context, StatusCodes.Status404NotFound, "not found");
                return;
        }
    }

    private static async Task PageAsync(HttpContext context, string file)
    {
        if (!PageAssets.Built)
        {
            await StatusAsync(context, StatusCodes.Status503ServiceUnavailable, "viewer not built: run scripts/build (npm builds viewer/dist into the daemon)");
            return;
        }
        await using var stream = PageAssets.Open(file);
        if (stream is null)
        {
            await StatusAsync(context, StatusCodes.Status404NotFound, "not found");
            return;
        }
        var response = context.Response;
        response.ContentType = PageAssets.ContentType(file);
        response.ContentLength = stream.Length;
        if (file.EndsWith(".html", StringComparison.Ordinal)) response.Headers.CacheControl = "no-cache";
        if (!HttpMethods.IsHead(context.Request.Method)) await stream.CopyToAsync(response.Body, context.RequestAborted);
    }

    /// <summary>Answers with a body of <paramref name="contentType"/>.</summary>
    public static async Task WriteAsync(HttpContext context, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>Answers with a status and a one-line plain-text explanation.</summary>
    public static Task StatusAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return WriteAsync(context, "text/plain; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(message + "\n"));
    }

    private static Task NotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers.Allow = allow;
        return StatusAsync(context, StatusCodes.Status405MethodNotAllowed, $"only {allow} here");
    }

    private static readonly byte[] Unauthenticated = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>goxel-daemon viewer: token needed</title></head>
        <body><main><h1>Token needed</h1>
        <p>This viewer needs the daemon's token. Open the viewer URL the daemon logged when it started
        (it ends in <code>?token=…</code>); the browser then keeps the token in a cookie.</p></main></body></html>
        """u8.ToArray();
}
