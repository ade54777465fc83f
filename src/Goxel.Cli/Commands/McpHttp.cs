using System.Net;
using Goxel.Mcp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Cli.Commands;

/// <summary>
/// `goxel mcp --http HOST:PORT`: the streamable HTTP transport at /mcp, on loopback only. It
/// has no authentication, so it refuses other interfaces, and requests whose Host or Origin is
/// not loopback (a web page could otherwise reach it through DNS rebinding).
/// </summary>
internal static class McpHttp
{
    /// <summary>The endpoint path.</summary>
    public const string Path = "/mcp";

    /// <summary>The loopback address and port of "HOST:PORT"; an error message instead when it is not one.</summary>
    public static IPEndPoint? Parse(string address, out string? error)
    {
        error = null;
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
        {
            error = $"--http wants HOST:PORT (for example 127.0.0.1:8765), got \"{address}\"";
            return null;
        }
        var host = address[..colon].Trim('[', ']');
        var ip = host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(host, out var parsed) ? parsed : null;
        if (ip is null || !IPAddress.IsLoopback(ip))
        {
            error = $"--http serves loopback only (127.0.0.1, ::1 or localhost): the MCP endpoint has no authentication; got \"{host}\"";
            return null;
        }
        return new IPEndPoint(ip, port);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process is stopped.</summary>
    public static async Task RunAsync(IVoxelEngine engine, IPEndPoint endpoint, string version, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(o => o.Listen(endpoint));
        builder.Services.AddGoxelMcp(engine, version).WithHttpTransport();
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (!IsLoopbackName(context.Request.Host.Host) || (context.Request.Headers.Origin is { Count: > 0 } origin && !IsLoopbackOrigin(origin.ToString())))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            await next(context);
        });
        app.MapMcp(Path);
        await app.StartAsync(cancellationToken);
        await Console.Error.WriteLineAsync($"goxel mcp: streamable HTTP on http://{endpoint}{Path}");
        await app.WaitForShutdownAsync(cancellationToken);
    }

    private static bool IsLoopbackName(string host) =>
        host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsLoopbackOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && IsLoopbackName(uri.Host);
}
