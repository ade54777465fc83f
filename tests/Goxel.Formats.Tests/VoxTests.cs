using Goxel.Core;
using Goxel.Formats.Vox;

namespace Goxel.Formats.Tests;

public sealed class VoxTests
{
    [Fact]
    public void MagicaVoxelSampleWithoutSceneGraphLoads()
    {
        var project = Fixtures.Load("magicavoxel.vox");
        Assert.Equal(398, project.VoxelCount);
    }

    [Fact]
    public void GoxShapeExportMatchesRasterisedShapes()
    {
        var vox = Fixtures.Load("gox-shape-3-layers.vox");
        var layer = Assert.Single(vox.Layers);
        Assert.Equal(1208, layer.Volume.VoxelCount);
        Assert.All(Fixtures.Cells(layer.Volume).Values, c => Assert.Equal(Rgba.White, c)); // default palette index 1
        var gox = Fixtures.Load("gox-shape-3-layers.gox");
        Fixtures.AssertSameCells(Fixtures.Normalise(Fixtures.Cells(Flattening.VisibleLayers(gox))), Fixtures.Normalise(Fixtures.Cells(layer.Volume)));
    }

    [Theory]
    [InlineData("crabby.vox")]
    [InlineData("cubictest.vox")]
    [InlineData("rgb.vox")]
    [InlineData("rgb_small.vox")]
    [InlineData("slab6_vox_test.vox")]
    public void SceneGraphFilesLoad(string name)
    {
        var project = Fixtures.Load(name);
        Assert.True(project.VoxelCount > 0);
        Assert.All(project.Layers, l => Assert.False(string.IsNullOrEmpty(l.Name)));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(11, 10)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomProjectsRoundTripLosslessly(int seed)
    {
        var project = RandomProjects.Make(seed, palette: 200, hidden: false);
        var back = RoundTrip(project);
        Assert.Equal(project.Layers.Select(l => l.Name), back.Layers.Select(l => l.Name));
        for (var i = 0; i < project.Layers.Count; i++)
            Fixtures.AssertSameCells(Fixtures.Cells(project.Layers[i].Volume), Fixtures.Cells(back.Layers[i].Volume));
    }

    [Fact]
    public void LargeModelsAreSplitInto256Pieces()
    {
        var project = new Project("big");
        var volume = project.ActiveLayer.Volume;
        volume.FillBox(new VoxelBox(new Int3(-300, -5, 0), new Int3(400, 5, 3)), new Rgba(10, 20, 30, 255));
        volume.Set(-300, 200, 700, new Rgba(200, 100, 0, 255));
        var bytes = Write(project);
        var back = new VoxFormat().Read(bytes, "mem.vox");
        Fixtures.AssertSameCells(Fixtures.Cells(volume), Fixtures.Cells(Assert.Single(back.Layers).Volume));
    }

    [Fact]
    public void MoreThan255ColoursAreQuantised()
    {
        var project = new Project("many");
        var rng = new Random(3);
        var volume = project.ActiveLayer.Volume;
        for (var i = 0; i < 3000; i++) volume.Set(i % 50, i / 50, 0, RandomProjects.RandomColor(rng, true));
        var back = Assert.Single(RoundTrip(project).Layers).Volume;
        var cells = Fixtures.Cells(back);
        Assert.Equal(Fixtures.Cells(volume).Keys.ToHashSet(), cells.Keys.ToHashSet());
        Assert.InRange(cells.Values.Distinct().Count(), 200, 255);
        var error = Fixtures.Cells(volume).Average(kv => Math.Abs(kv.Value.R - cells[kv.Key].R) + Math.Abs(kv.Value.G - cells[kv.Key].G) + Math.Abs(kv.Value.B - cells[kv.Key].B));
        Assert.True(error < 40, $"mean L1 error {error}");
    }

    internal static byte[] Write(Project project)
    {
        using var stream = new MemoryStream();
        new VoxFormat().Write(project, stream, new ExportContext("mem.vox"));
        return stream.ToArray();
    }

    private static Project RoundTrip(Project project) => new VoxFormat().Read(Write(project), "mem.vox");
}
