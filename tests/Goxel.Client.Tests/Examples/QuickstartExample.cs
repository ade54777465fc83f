using Goxel.Client;
using Microsoft.Extensions.Logging;

namespace Goxel.Client.Examples;

public static class QuickstartExample
{
    public static async Task<(string ProjectId, Rgba Color, BoundingBoxResult Box)> RunAsync(string socketPath, ILogger<GoxelDaemonClient>? logger = null)
    {
        var options = new GoxelDaemonClientOptions { SocketPath = socketPath, AutoReconnect = true, Timeout = TimeSpan.FromSeconds(10) };
        await using var client = new GoxelDaemonClient(options, logger);
        await client.ConnectAsync();

        var project = await client.CreateProjectAsync("quickstart", 32, 32, 32);
        await client.AddVoxelAsync(new VoxelPosition(0, 0, 0), new Rgba(255, 0, 0));
        await client.AddVoxelAsync(new VoxelPosition(1, 0, 0), Rgba.Parse("#00FF00"));
        var sheet = Enumerable.Range(0, 100).Select(i => new Voxel(i % 10, i / 10, 1, new Rgba(0, 0, 255))).ToArray();
        await client.AddVoxelBatchAsync(sheet);

        var voxel = await client.GetVoxelAsync(new VoxelPosition(1, 0, 0));
        var box = await client.GetBoundingBoxAsync();
        try
        {
            await client.CallAsync("goxel.no_such_method");
        }
        catch (GoxelRpcException e) when (e.Code == -32601)
        {
            // Unknown methods fail with the daemon's code; the connection goes on.
        }
        return (project.ProjectId, voxel.Color, box);
    }
}
