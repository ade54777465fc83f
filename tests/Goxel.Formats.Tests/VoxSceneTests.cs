using Goxel.Core;
using Goxel.Formats.Vox;

namespace Goxel.Formats.Tests;

/// <summary>.vox files other tools write: Teardown's TDCZ models, scene graphs with groups and instances, hidden layers.</summary>
public sealed class VoxSceneTests
{
    private const int W = 21, H = 12, D = 9;

    // A known model: a dense grid of palette indices (x fastest), about a third of it filled.
    private static (byte[] Dense, Rgba[] Palette) KnownModel()
    {
        var rng = new Random(7);
        var palette = Enumerable.Range(0, 255).Select(i => new Rgba((byte)i, (byte)(255 - i), (byte)(i * 7), 255)).ToArray();
        var dense = new byte[W * H * D];
        for (var i = 0; i < dense.Length; i++) dense[i] = rng.Next(3) == 0 ? (byte)rng.Next(1, 256) : (byte)0;
        return (dense, palette);
    }

    // Where MagicaVoxel puts voxel (x, y, z) of an unrotated model: v - floor(size / 2).
    private static Dictionary<Int3, Rgba> Expected(byte[] dense, Rgba[] palette)
    {
        var cells = new Dictionary<Int3, Rgba>();
        for (var i = 0; i < dense.Length; i++)
            if (dense[i] != 0) cells[new Int3(i % W - W / 2, i / W % H - H / 2, i / (W * H) - D / 2)] = palette[dense[i] - 1];
        return cells;
    }

    private static Project Read(byte[] bytes) => new VoxFormat().Read(bytes, "mem.vox");

    [Fact]
    public void TeardownCompressedModelLoadsLikeTheModelItCompresses()
    {
        var (dense, palette) = KnownModel();
        var tdcz = Read(new VoxBuilder().Size(W, H, D).Tdcz(W, H, D, dense).Palette(palette).ToArray());
        var xyzi = Read(new VoxBuilder().Size(W, H, D).Xyzi(W, H, D, dense).Palette(palette).ToArray());
        var expected = Expected(dense, palette);
        Fixtures.AssertSameCells(expected, Fixtures.Cells(Assert.Single(tdcz.Layers).Volume));
        Fixtures.AssertSameCells(expected, Fixtures.Cells(Assert.Single(xyzi.Layers).Volume));
    }

    [Fact]
    public void TeardownModelsPlacedByTheSceneGraphLoad()
    {
        var (dense, palette) = KnownModel();
        var bytes = new VoxBuilder().Size(W, H, D).Tdcz(W, H, D, dense)
            .Transform(0, 1, []).Group(1, 2).Transform(2, 3, [("_name", "crate")], "100 0 0").Shape(3, 0)
            .Palette(palette).ToArray();
        var layer = Assert.Single(Read(bytes).Layers);
        Assert.Equal("crate", layer.Name);
        Fixtures.AssertSameCells(Fixtures.Shift(Expected(dense, palette), new Int3(100, 0, 0)), Fixtures.Cells(layer.Volume));
    }

    [Fact]
    public void TruncatedTeardownModelIsACorruptFileNamingTheChunk()
    {
        var (dense, palette) = KnownModel();
        var bytes = new VoxBuilder().Size(W, H, D).Tdcz(W, H, D, dense, truncateTo: 40).Palette(palette).ToArray();
        var e = Assert.Throws<VoxelFileException>(() => Read(bytes));
        Assert.Equal(VoxelFileError.Corrupt, e.Kind);
        Assert.Contains("TDCZ", e.Message);
    }

    [Fact]
    public void ModelInAnUnsupportedChunkIsNamed()
    {
        var bytes = new VoxBuilder().Size(2, 2, 2).Chunk("XYZQ", c => c.Write(0))
            .Transform(0, 1, []).Group(1, 2).Transform(2, 3, []).Shape(3, 0).ToArray();
        var e = Assert.Throws<VoxelFileException>(() => Read(bytes));
        Assert.Contains("'XYZQ'", e.Message);
    }

    [Fact]
    public void ShapeWithoutItsModelNamesTheUnsupportedChunks()
    {
        var bytes = new VoxBuilder().Chunk("ZZZZ", c => c.Write(1))
            .Transform(0, 1, []).Group(1, 2).Transform(2, 3, []).Shape(3, 0).ToArray();
        var e = Assert.Throws<VoxelFileException>(() => Read(bytes));
        Assert.Contains("model 0", e.Message);
        Assert.Contains("ZZZZ", e.Message);
    }

    // root -> group -> "vehicle" group { "wheels" group { unnamed instance, "rear" instance }, hidden "body" }:
    // three instances of two models, each a layer named after its node path.
    private static byte[] SceneWithGroupsAndInstances(byte[] dense, Rgba[] palette) => new VoxBuilder()
        .Size(W, H, D).Xyzi(W, H, D, dense)
        .Size(1, 1, 1).Xyzi(1, 1, 1, [5])
        .Transform(0, 1, [("_name", "root")]).Group(1, 2)
        .Transform(2, 3, [("_name", "vehicle")], "0 0 10").Group(3, 4, 10)
        .Transform(4, 5, [("_name", "wheels")]).Group(5, 6, 8)
        .Transform(6, 7, [], "-30 0 0").Shape(7, 0)
        .Transform(8, 9, [("_name", "rear")], "30 0 0").Shape(9, 0)
        .Transform(10, 11, [("_name", "body"), ("_hidden", "1")], "0 50 0").Shape(11, 1)
        .Palette(palette).ToArray();

    [Fact]
    public void EveryInstanceIsALayerNamedAfterItsNodePath()
    {
        var (dense, palette) = KnownModel();
        var project = Read(SceneWithGroupsAndInstances(dense, palette));
        Assert.Equal(["vehicle/wheels", "vehicle/wheels/rear", "vehicle/body"], project.Layers.Select(l => l.Name));
        Assert.Equal([true, true, false], project.Layers.Select(l => l.Visible));
        var model = Expected(dense, palette);
        Fixtures.AssertSameCells(Fixtures.Shift(model, new Int3(-30, 0, 10)), Fixtures.Cells(project.Layers[0].Volume));
        Fixtures.AssertSameCells(Fixtures.Shift(model, new Int3(30, 0, 10)), Fixtures.Cells(project.Layers[1].Volume));
        Fixtures.AssertSameCells(new() { [new Int3(0, 50, 10)] = palette[4] }, Fixtures.Cells(project.Layers[2].Volume));
    }

    [Fact]
    public void NodePathNamesAndHiddenFlagsSurviveARoundTrip()
    {
        var (dense, palette) = KnownModel();
        var project = Read(SceneWithGroupsAndInstances(dense, palette));
        var back = Read(VoxTests.Write(project));
        AssertSameLayers(project, back);
    }

    [Fact]
    public void HiddenLayersAreSavedWithTheHiddenFlag()
    {
        var project = RandomProjects.Make(5, palette: 20, hidden: true);
        Assert.Contains(project.Layers, l => !l.Visible);
        AssertSameLayers(project, Read(VoxTests.Write(project)));
    }

    [Fact]
    public void FlatteningExportsStillLeaveHiddenLayersOut()
    {
        var project = RandomProjects.Make(5, palette: 20, hidden: true);
        var hidden = project.Layers.Single(l => !l.Visible);
        var onlyHidden = new Int3(1000, 1000, 1000);
        hidden.Volume.Set(onlyHidden, Rgba.White);
        using var stream = new MemoryStream();
        var text = FormatRegistry.FindByName("text")!;
        text.Write(project, stream, new ExportContext("mem.txt"));
        var back = text.Read(stream.ToArray(), "mem.txt");
        Assert.True(back.ActiveLayer.Volume.Get(onlyHidden).IsEmpty);
        Assert.Equal(Flattening.VisibleLayers(project).VoxelCount, back.VoxelCount);
    }

    private static void AssertSameLayers(Project expected, Project actual)
    {
        Assert.Equal(expected.Layers.Select(l => (l.Name, l.Visible)), actual.Layers.Select(l => (l.Name, l.Visible)));
        for (var i = 0; i < expected.Layers.Count; i++)
            Fixtures.AssertSameCells(Fixtures.Cells(expected.Layers[i].Volume), Fixtures.Cells(actual.Layers[i].Volume));
    }
}
