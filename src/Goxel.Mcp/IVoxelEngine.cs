using System.Text.Json;
using System.Text.Json.Nodes;

namespace Goxel.Mcp;

/// <summary>
/// What the MCP tools talk to: a running daemon over its socket, or the daemon's handlers in
/// this process. Both answer the daemon's wire methods with the daemon's results and errors.
/// </summary>
public interface IVoxelEngine : IAsyncDisposable
{
    /// <summary>Where the engine runs, for messages ("daemon at /tmp/goxel-daemon.sock", "embedded engine").</summary>
    string Description { get; }

    /// <summary>Runs one wire method with named params and returns its result.</summary>
    /// <exception cref="VoxelEngineException">The method failed, or the daemon cannot be reached.</exception>
    Task<JsonElement> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken);
}
