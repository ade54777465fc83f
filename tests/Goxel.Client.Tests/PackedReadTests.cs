using System.Text;

namespace Goxel.Client.Tests;

/// <summary>Issue 12: voxel reads come packed (Brotli-compressed past the threshold when the daemon is told to) and decode to the same voxels.</summary>
public sealed class PackedReadTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Packed_reads_and_exports_decode(bool compression)
    {
        var config = Path.Combine(Path.GetTempPath(), $"goxel-cs-config-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, $"{{\"daemon\":{{\"enable_compression\":{(compression ? "true" : "false")},\"compression_threshold\":64}}}}");
        try
        {
            await using var daemon = await TestDaemon.StartAsync(false, null, "--config", config);
            await using var client = new GoxelDaemonClient(daemon.Options);
            await client.ConnectAsync();
            var p = await client.CreateProjectAsync("packed");
            var voxels = Enumerable.Range(0, 500).Select(i => new Voxel(new(i - 250, i * 7 % 13, -(i % 5)), new Rgba((byte)i, (byte)(255 - i % 256), 7))).ToList();
            await client.AddVoxelBatchAsync(voxels, projectId: p.ProjectId);
            var raw = await client.CallAsync("goxel.get_layer_voxels", System.Text.Json.Nodes.JsonNode.Parse("{\"encoding\":\"packed\",\"limit\":0}"));
            Assert.Equal(compression ? "br" : "none", raw.GetProperty("compression").GetString());
            var read = await client.GetLayerVoxelsAsync(limit: 0, projectId: p.ProjectId);
            Assert.Equal(500, read.Count);
            var colors = read.Voxels.ToDictionary(v => new VoxelPosition(v.X, v.Y, v.Z), v => v.Color);
            foreach (var v in voxels) Assert.Equal(v.Color, colors[v.Position]);
            var region = await client.GetVoxelsRegionAsync(new(-250, 0, -4), new(-200, 12, 0), limit: 0, projectId: p.ProjectId);
            Assert.Equal(voxels.Count(v => v.Position.X <= -200), region.Count);
            var all = await client.GetLayerVoxelsAsync(-2, limit: 2, projectId: p.ProjectId);
            Assert.Equal((2, true, (int?)1), (all.Voxels.Count, all.Truncated, all.Voxels[0].LayerId));
            var files = await client.ExportModelDataAsync("obj", p.ProjectId);
            Assert.Equal(["model.obj", "model.mtl"], files.Select(f => f.Name));
            Assert.StartsWith("# ", Encoding.UTF8.GetString(files[0].Bytes));
            Assert.Contains("newmtl", Encoding.UTF8.GetString(files[1].Bytes));
        }
        finally
        {
            File.Delete(config);
        }
    }
}
