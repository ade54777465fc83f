using Goxel.Core;
using Goxel.Render.Tests.Scenes;

namespace Goxel.Render.Tests;

/// <summary>A render of a snapshot is unaffected by edits made to the live project while it runs.</summary>
public sealed class SnapshotIsolationTests
{
    [Fact]
    public async Task RenderOfSnapshotIgnoresConcurrentEdits()
    {
        var renderer = new VoxelRenderer();
        var live = SampleScenes.TenThousandVoxels();
        var snapshot = live.Snapshot();
        var options = new RenderOptions { Width = 256, Height = 256, Camera = VoxelRenderer.ResolveCamera(snapshot, new RenderOptions { Width = 256, Height = 256 }) };
        var expected = renderer.Render(snapshot.Snapshot(), options);

        using var stop = new CancellationTokenSource();
        var edits = 0;
        // The single writer keeps editing the live project: repaint, carve and refill voxels the
        // camera sees, add a layer, hide the first one.
        var writer = Task.Factory.StartNew(() =>
        {
            var random = new Random(7);
            var volume = live.ActiveLayer.Volume;
            while (!stop.IsCancellationRequested)
            {
                var x = random.Next(-32, 32);
                var y = random.Next(-32, 32);
                volume.FillBox(new VoxelBox(new Int3(x, y, 0), new Int3(x + 4, y + 4, 20)), new Rgba(0, 0, (byte)random.Next(256), 255));
                volume.FillBox(new VoxelBox(new Int3(y, x, 0), new Int3(y + 3, x + 3, 12)), Rgba.Empty);
                if (edits % 50 == 0) live.AddLayer("extra").Volume.Set(x, y, 30, Rgba.White);
                if (edits == 100) live.Layers[0].Visible = false;
                Interlocked.Increment(ref edits);
            }
        }, TaskCreationOptions.LongRunning);
        while (Volatile.Read(ref edits) < 10) await Task.Delay(1);

        var renders = new List<RenderImage>();
        for (var i = 0; i < 8; i++) renders.Add(renderer.Render(snapshot, options));
        stop.Cancel();
        await writer;

        Assert.True(edits > 10);
        foreach (var image in renders) Assert.Equal(expected.Pixels, image.Pixels);
        Assert.NotEqual(expected.Pixels, renderer.Render(live.Snapshot(), options).Pixels);
    }

    [Fact]
    public void SnapshotTakenBeforeEditStillRendersOldScene()
    {
        var renderer = new VoxelRenderer();
        var live = SampleScenes.CubeOnFloor();
        var before = live.Snapshot();
        live.ActiveLayer.Volume.Clear();
        var options = new RenderOptions { Width = 64, Height = 64, Camera = Camera.GoxelDefault };
        var image = renderer.Render(before, options);
        var (r, _, _, _) = image[32, 28];
        Assert.True(r > 100, "the cube should still be drawn from the earlier snapshot");
        var empty = renderer.Render(live.Snapshot(), options);
        Assert.All(Enumerable.Range(0, 64 * 64), i => Assert.Equal(240, empty.Pixels[i * 4]));
    }
}
