using Goxel.Core;
using Goxel.Render.Tests.Scenes;

namespace Goxel.Render.Tests;

/// <summary>Tests that count process-wide allocations, so nothing else may run beside them.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public sealed class MemoryTestsCollection;

[Collection(nameof(MemoryTests))]
public sealed class MemoryTests
{
    private static readonly VoxelRenderer Renderer = new();

    [Fact]
    public void HugeSparseSceneStaysBoundedInMemory()
    {
        // Clusters scattered over 6000^3 voxels, and two voxels a billion cells apart.
        var project = SampleScenes.Sparse(6000, 2000);
        project.ActiveLayer.Volume.Set(1_000_000_000, 0, 0, Rgba.White);
        project.ActiveLayer.Volume.Set(-1_000_000_000, 5, 3, Rgba.White);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 256, Height = 256 });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 64L << 20, $"allocated {allocated >> 20} MiB");
        Assert.Equal(256, image.Width);

        var dense = SampleScenes.Sparse(3000, 3000);
        var picture = Renderer.Render(dense.Snapshot(), new RenderOptions { Width = 256, Height = 256 });
        Assert.Contains(Enumerable.Range(0, 256 * 256), i => picture.Pixels[i * 4] != 240 || picture.Pixels[i * 4 + 1] != 240);
    }
}
