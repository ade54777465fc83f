using Goxel.Core;
using Goxel.Render.Tests.Scenes;

namespace Goxel.Render.Tests;

public sealed class RenderCacheTests
{
    private static readonly RenderOptions Small = new() { Width = 96, Height = 64 };

    private static RenderCache NewCache(int renders = 16, int blocks = 100_000, long bytes = 256L << 20) => new(new RenderCacheLimits(renders, blocks, bytes));

    /// <summary>An edit as the daemon makes one: a History step, so the project's version moves.</summary>
    private static void Edit(Project project, Action<Volume> edit)
    {
        project.History.Begin(project);
        edit(project.ActiveLayer.Volume);
        project.History.Commit(project);
    }

    [Fact]
    public void UnchangedBlocksAreReusedAfterAOneVoxelEdit()
    {
        var project = SampleScenes.Terrain(64);
        var cache = NewCache(renders: 0);
        var renderer = new VoxelRenderer(cache: cache);
        var blocks = project.ActiveLayer.Volume.BlockCount;

        renderer.Render(project.Snapshot(), Small);
        Assert.Equal(0, cache.BlockHits);
        Assert.Equal(blocks, cache.BlockMisses);
        Assert.Equal(blocks, cache.BlockEntries);

        Edit(project, v => v.Set(3, 4, 70, new Rgba(255, 0, 0, 255)));
        var after = renderer.Render(project.Snapshot(), Small);
        // One new block (z 70 is above the terrain): every other block came from the cache.
        Assert.Equal(blocks, cache.BlockHits);
        Assert.Equal(blocks + 1, cache.BlockMisses);
        Assert.Equal(new VoxelRenderer().Render(project.Snapshot(), Small).Pixels, after.Pixels);

        Edit(project, v => v.Set(0, 0, 0, new Rgba(0, 0, 255, 255)));
        renderer.Render(project.Snapshot(), Small);
        // The written block is a new object: one more miss, the rest hit.
        Assert.Equal(blocks + 2, cache.BlockMisses);
    }

    [Fact]
    public void CachedBlocksRenderPixelIdentical()
    {
        // Palette and list blocks are decoded into the cache and read from it by later renders.
        var project = SampleScenes.TenThousandVoxels();
        var plain = new VoxelRenderer();
        var cached = new VoxelRenderer(cache: NewCache(renders: 0));
        foreach (var options in new[] { Small, new RenderOptions { Width = 200, Height = 150, Preset = CameraPreset.Top, EdgeAntialiasing = true } })
        {
            var expected = plain.Render(project.Snapshot(), options).Pixels;
            Assert.Equal(expected, cached.Render(project.Snapshot(), options).Pixels);
            Assert.Equal(expected, cached.Render(project.Snapshot(), options).Pixels);
        }
        Assert.True(cached.Cache!.BlockHits > 0);
    }

    [Fact]
    public void EqualRequestOnUnchangedProjectIsAHit()
    {
        var project = SampleScenes.CubeOnFloor();
        var cache = NewCache(blocks: 0);
        var renderer = new VoxelRenderer(cache: cache);
        var first = renderer.RenderEncoded(project.Snapshot(), Small);
        var second = renderer.RenderEncoded(project.Snapshot(), Small with { });
        Assert.Equal((1, 1), (cache.RenderHits, cache.RenderMisses));
        Assert.Equal(first.Bytes, second.Bytes);

        // Another size, format or camera is another picture.
        renderer.RenderEncoded(project.Snapshot(), Small with { Width = 97 });
        renderer.RenderEncoded(project.Snapshot(), Small, ImageFormat.Jpeg);
        renderer.RenderEncoded(project.Snapshot(), Small with { Preset = CameraPreset.Top });
        Assert.Equal(4, cache.RenderMisses);

        // An edit moves the version: the next render is drawn again and shows it.
        Edit(project, v => v.Set(0, 0, 12, new Rgba(0, 0, 255, 255)));
        var edited = renderer.RenderEncoded(project.Snapshot(), Small);
        Assert.Equal(5, cache.RenderMisses);
        Assert.Equal(new VoxelRenderer().RenderEncoded(project.Snapshot(), Small).Bytes, edited.Bytes);

        // Undo brings the old content back under a new version: drawn again, same bytes as before.
        project.History.Undo(project);
        Assert.Equal(first.Bytes, renderer.RenderEncoded(project.Snapshot(), Small).Bytes);
        Assert.Equal(6, cache.RenderMisses);
    }

    [Fact]
    public void OffWhenSizesAreZero()
    {
        var project = SampleScenes.CubeOnFloor();
        var cache = NewCache(renders: 0, blocks: 0);
        var renderer = new VoxelRenderer(cache: cache);
        renderer.RenderEncoded(project.Snapshot(), Small);
        renderer.RenderEncoded(project.Snapshot(), Small);
        Assert.Equal((0, 0, 0L), (cache.RenderEntries, cache.BlockEntries, cache.Bytes));
        Assert.Equal((0L, 0L, 0L, 0L), (cache.RenderHits, cache.RenderMisses, cache.BlockHits, cache.BlockMisses));
    }

    [Fact]
    public void EntryCountsAndBytesAreBoundedLeastRecentlyUsedFirst()
    {
        var project = SampleScenes.CubeOnFloor();
        var cache = NewCache(renders: 2, blocks: 0);
        var renderer = new VoxelRenderer(cache: cache);
        var snapshot = project.Snapshot();
        renderer.RenderEncoded(snapshot, Small with { Width = 10 });
        renderer.RenderEncoded(snapshot, Small with { Width = 11 });
        renderer.RenderEncoded(snapshot, Small with { Width = 10 });
        renderer.RenderEncoded(snapshot, Small with { Width = 12 });
        Assert.Equal(2, cache.RenderEntries);
        // 11 was the least recently used: evicted; 10 stayed.
        renderer.RenderEncoded(snapshot, Small with { Width = 10 });
        Assert.Equal(2, cache.RenderHits);

        var blocks = project.ActiveLayer.Volume.BlockCount;
        cache.Limits = new RenderCacheLimits(2, 4, 1L << 20);
        renderer.Render(project.Snapshot(), Small);
        Assert.Equal(Math.Min(4, blocks), cache.BlockEntries);

        // Bytes bind both kinds together.
        var bytes = cache.Bytes;
        cache.Limits = new RenderCacheLimits(2, 4, bytes / 2);
        Assert.True(cache.Bytes <= bytes / 2, $"{cache.Bytes} bytes over {bytes / 2}");
        Assert.True(cache.Clear() >= 0);
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public void ConcurrentRendersShareOneCache()
    {
        var project = SampleScenes.TenThousandVoxels();
        var renderer = new VoxelRenderer(cache: NewCache());
        var expected = new VoxelRenderer().RenderEncoded(project.Snapshot(), Small).Bytes;
        Parallel.For(0, 16, _ => Assert.Equal(expected, renderer.RenderEncoded(project.Snapshot(), Small).Bytes));
    }
}
