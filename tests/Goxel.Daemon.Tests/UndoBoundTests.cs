using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>limits.undo_total_mb at the wire: the undo history of all projects together is bounded, least recently used first.</summary>
public sealed class UndoBoundTests
{
    private const int Voxels = 20_000;

    // 20,000 cells spread over 361 blocks (about 55 each, so the batch writes cell by cell): once
    // they exist, recolouring them is a step of 20,000 cell changes.
    private static string Batch(string project, int shade)
    {
        var positions = new byte[Voxels * 12];
        var colors = new byte[Voxels * 4];
        for (var i = 0; i < Voxels; i++)
        {
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12), i % 143 * 2);
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12 + 4), i / 143 * 2);
            BitConverter.TryWriteBytes(positions.AsSpan(i * 12 + 8), 5);
            (colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]) = ((byte)shade, 100, 50, 255);
        }
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["project_id"] = project, ["positions"] = Convert.ToBase64String(positions), ["colors"] = Convert.ToBase64String(colors),
        });
    }

    [Fact]
    public void PastTheTotalTheLeastRecentlyUsedProjectsLoseTheirOldestSteps()
    {
        using var daemon = ConfiguredDaemon.Start("""{ "limits": { "undo_total_mb": 1 } }""");
        using var client = daemon.Connect();
        var older = client.Result("goxel.create_project", new { name = "older" }).GetProperty("project_id").GetString()!;
        for (var shade = 1; shade <= 6; shade++) client.Result("goxel.add_voxel_batch", Batch(older, shade));
        var newer = client.Result("goxel.create_project", new { name = "newer" }).GetProperty("project_id").GetString()!;
        for (var shade = 1; shade <= 2; shade++) client.Result("goxel.add_voxel_batch", Batch(newer, shade));

        // Trimmed within a few ticks (a tick skips a project a request holds).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonElement a, b;
        while ((a = Info(client, older)).GetProperty("undo_bytes").GetInt64() + (b = Info(client, newer)).GetProperty("undo_bytes").GetInt64() > 1 << 20)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{a}\n{Info(client, newer)}\n{daemon.Stderr}");
            Thread.Sleep(100);
        }
        // The older project paid: its oldest steps went; the newer one kept its history.
        Assert.InRange(a.GetProperty("undo_steps").GetInt32(), 1, 5);
        Assert.Equal(2, b.GetProperty("undo_steps").GetInt32());
        // The newest states are untouched and the steps kept still undo.
        Assert.Equal((Voxels, Voxels), (a.GetProperty("voxel_count").GetInt32(), b.GetProperty("voxel_count").GetInt32()));
        Assert.True(client.Result("goxel.undo", new { project_id = older }).GetProperty("success").GetBoolean());
        Assert.Equal("[5,100,50,255]", client.Result("goxel.get_voxel", new { project_id = older, x = 2, y = 0, z = 5 }).GetProperty("color").GetRawText());
    }

    private static JsonElement Info(RawClient client, string project) => client.Result("goxel.get_project_info", new { project_id = project });
}
