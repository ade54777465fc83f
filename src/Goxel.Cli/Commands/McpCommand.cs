using System.CommandLine;
using System.Reflection;
using Goxel.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Goxel.Cli.Commands;

/// <summary>
/// `goxel mcp`: a Model Context Protocol server on stdin/stdout for agent hosts (Claude Desktop,
/// VS Code, the MCP Inspector), over a running daemon or, with --embedded, an in-process engine.
/// </summary>
internal static class McpCommand
{
    public static Command Create()
    {
        var embedded = new Option<bool>("--embedded")
        {
            Description = "run the daemon's engine inside this process instead of connecting to a daemon (projects last as long as the server; files relative to the working directory)",
        };
        var http = new Option<string?>("--http")
        {
            Description = "serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (loopback only, e.g. 127.0.0.1:8765)",
        };
        var command = new Command("mcp", "serve the Model Context Protocol over stdio: voxel tools, project resources and prompts for AI agents") { embedded, http };
        command.SetAction(async (result, cancel) =>
        {
            System.Net.IPEndPoint? endpoint = null;
            if (result.GetValue(http) is { } address && (endpoint = McpHttp.Parse(address, out var error)) is null)
            {
                await Console.Error.WriteLineAsync($"goxel: {error}");
                return 2;
            }
            IVoxelEngine engine;
            if (!result.GetValue(embedded)) engine = new DaemonEngine(DaemonEndpoint.Options(result, TimeSpan.FromSeconds(120)));
            else if (OperatingSystem.IsWindows())
            {
                await Console.Error.WriteLineAsync("goxel: --embedded needs the daemon's engine, which runs on Linux and macOS");
                return 2;
            }
            else engine = new EmbeddedEngine(Directory.GetCurrentDirectory());
            await using (engine)
            {
                if (endpoint is not null)
                {
                    await McpHttp.RunAsync(engine, endpoint, Version, cancel);
                    return 0;
                }
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
                // stdout carries the protocol: every log line goes to stderr.
                builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                builder.Services.AddGoxelMcp(engine, Version).WithStdioServerTransport();
                using var host = builder.Build();
                await host.RunAsync(cancel);
            }
            return 0;
        });
        return command;
    }

    private static string Version =>
        typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}
