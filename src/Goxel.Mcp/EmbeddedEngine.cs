using System.Buffers;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.Json.Nodes;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Handlers;
using Goxel.Protocol;
using Goxel.Render;

namespace Goxel.Mcp;

/// <summary>
/// The daemon's own handlers in this process: the same methods, limits and errors as a daemon,
/// with no socket between the agent and the voxels. Projects live as long as the MCP server.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedEngine : IVoxelEngine
{
    private readonly RenderArchive _archive;
    private readonly IRpcMethodTable _methods;

    /// <summary>An engine with the daemon's default settings, file paths relative to <paramref name="workspace"/>.</summary>
    public EmbeddedEngine(string workspace)
    {
        var settings = new DaemonSettings { Workspace = workspace };
        _archive = new RenderArchive(RenderArchiveOptions.FromEnvironment());
        _methods = InProcessDaemon.CreateMethods(settings, _archive);
    }

    /// <inheritdoc/>
    public string Description => "embedded engine";

    /// <inheritdoc/>
    public Task<JsonElement> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        if (!_methods.TryGet(method, out var body))
            throw new VoxelEngineException(RpcErrorCode.MethodNotFound, $"Method not found: {method}");
        // Handlers are synchronous and may run long (renders, scripts): keep them off the transport's thread.
        return Task.Run(() => Run(body, parameters), cancellationToken);
    }

    private static JsonElement Run(RpcMethod body, JsonObject parameters)
    {
        using var request = JsonSerializer.SerializeToDocument(parameters, McpJsonContext.Default.JsonObject);
        var output = new ArrayBufferWriter<byte>();
        try
        {
            using (var writer = new Utf8JsonWriter(output)) body(new RpcParams(request.RootElement), writer);
        }
        catch (RpcException e)
        {
            throw new VoxelEngineException(e.Code, e.Message, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The daemon answers these as internal errors too; the agent gets the same text.
            throw new VoxelEngineException(RpcErrorCode.InternalError, $"Internal error: {e.Message}", e);
        }
        using var result = JsonDocument.Parse(output.WrittenMemory);
        return result.RootElement.Clone();
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        _archive.Dispose();
        return ValueTask.CompletedTask;
    }
}
