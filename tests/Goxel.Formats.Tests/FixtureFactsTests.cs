using Goxel.Core;

namespace Goxel.Formats.Tests;

/// <summary>Every fixture loads, and the facts ../shared/fixtures/README.md states hold.</summary>
public sealed class FixtureFactsTests
{
    public static TheoryData<string> AllFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in Fixtures.All().Order()) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void EveryFixtureLoads(string name)
    {
        var project = Fixtures.Load(name);
        Assert.NotEmpty(project.Layers);
        Assert.True(project.VoxelCount > 0, $"{name} has no voxels");
        Assert.Equal(project.Layers.Count, project.Layers.Select(l => l.Id).Distinct().Count());
    }

    [Fact]
    public void GoxShapeVoxIsOneModelOf19By19By8()
    {
        var layer = Assert.Single(Fixtures.Load("gox-shape-3-layers.vox").Layers);
        Assert.Equal(new Int3(19, 19, 8), layer.Volume.Bounds()!.Value.Size);
        Assert.Equal(1208, layer.Volume.VoxelCount);
    }

    [Fact]
    public void ShapeGoxHasThreeShapeLayersAndOneEmptyLayer()
    {
        var project = Fixtures.Load("gox-shape-3-layers.gox");
        Assert.Equal(4, project.Layers.Count);
        Assert.Equal(3, project.Layers.Count(l => l.Volume.VoxelCount > 0));
        Assert.Single(project.Layers, l => l.Volume.VoxelCount == 0);
        // Half-extent 4: each shape spans 8 cells along its axes.
        Assert.All(project.Layers.Where(l => l.Volume.VoxelCount > 0), l => Assert.Equal(8, l.Volume.Bounds()!.Value.Size.Z));
    }

    [Fact]
    public void SlabModelIs39By13By43()
    {
        var vox = Flattening.VisibleLayers(Fixtures.Load("slab6_vox_test.vox"));
        Assert.Equal(new Int3(39, 13, 43), vox.Bounds()!.Value.Size);
    }
}
