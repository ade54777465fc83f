using System.Text.Json;
using System.Text.Json.Nodes;
using Goxel.Client;

namespace Goxel.Mcp;

/// <summary>
/// A running goxel-daemon reached through the C# client. Connects on first use and again after
/// the connection drops, so a daemon restarted under a long agent session is picked up by the
/// next call; the call that saw the drop reports it.
/// </summary>
public sealed class DaemonEngine(GoxelDaemonClientOptions options) : IVoxelEngine
{
    private readonly GoxelDaemonClient _client = new(options with { AutoReconnect = false });
    private readonly SemaphoreSlim _connecting = new(1, 1);

    /// <inheritdoc/>
    public string Description => $"daemon at {options.Endpoint}";

    /// <inheritdoc/>
    public async Task<JsonElement> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _client.CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (GoxelRpcException e)
        {
            throw new VoxelEngineException(e.Code, e.RpcMessage, e);
        }
        catch (GoxelTimeoutException e)
        {
            throw new VoxelEngineException(VoxelEngineException.ConnectionLost,
                $"the {Description} did not answer {method} within {e.Timeout.TotalSeconds:0} s", e);
        }
        catch (GoxelConnectionException e)
        {
            throw new VoxelEngineException(VoxelEngineException.ConnectionLost,
                $"the connection to the {Description} dropped during {method} ({e.Message}); the next call reconnects", e);
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected) return;
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_client.IsConnected) await _client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (GoxelException e)
        {
            throw new VoxelEngineException(VoxelEngineException.ConnectionLost,
                $"cannot reach the {Description} ({e.Message}); start it with `goxel-daemon`, or run `goxel mcp --embedded`", e);
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        _connecting.Dispose();
    }
}
