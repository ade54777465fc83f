using Goxel.Core;
using Goxel.Render.Tests.Scenes;
using Goxel.Render.Tests.Support;

namespace Goxel.Render.Tests;

public sealed class RendererTests
{
    private static readonly VoxelRenderer Renderer = new();

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(-5, 10)]
    [InlineData(8193, 10)]
    [InlineData(10, 9000)]
    public void BadSizesGiveClearErrors(int width, int height)
    {
        var error = Assert.Throws<ArgumentException>(() => Renderer.Render(new Project("p"), new RenderOptions { Width = width, Height = height }));
        Assert.Contains($"{width}x{height}", error.Message);
    }

    [Fact]
    public void LimitsAreConfigurable()
    {
        var small = new VoxelRenderer(new RenderLimits(100, 50));
        Assert.Throws<ArgumentException>(() => small.Render(new Project("p"), new RenderOptions { Width = 101, Height = 10 }));
        Assert.Throws<ArgumentException>(() => small.Render(new Project("p"), new RenderOptions { Width = 10, Height = 51 }));
        Assert.Equal(100, small.Render(new Project("p"), new RenderOptions { Width = 100, Height = 50 }).Width);
        Assert.Throws<ArgumentException>(() => Renderer.Render(new Project("p"), new RenderOptions { Supersampling = 3 }));
    }

    [Fact]
    public void EmptyProjectIsAllBackground()
    {
        var image = Renderer.Render(new Project("empty"), new RenderOptions { Width = 16, Height = 8, Background = Background.Solid(new Rgba(1, 2, 3, 255)) });
        for (var i = 0; i < 16 * 8; i++) Assert.Equal([1, 2, 3, 255], image.Pixels.AsSpan(i * 4, 4).ToArray());
    }

    [Fact]
    public void TransparentBackgroundKeepsAlphaZeroAroundOpaqueVoxels()
    {
        var image = Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 64, Height = 64, Background = Background.Transparent });
        Assert.Equal(0, image[0, 0].A);
        Assert.Equal(255, image[32, 32].A);
        Assert.True(image.HasTransparency());
    }

    [Fact]
    public void HiddenLayersAreNotDrawn()
    {
        var project = SampleScenes.CubeOnFloor();
        var hidden = project.AddLayer("hidden");
        hidden.Volume.FillBox(new VoxelBox(new Int3(-6, -6, 12), new Int3(5, 5, 30)), new Rgba(0, 0, 255, 255));
        hidden.Visible = false;
        var options = new RenderOptions { Width = 64, Height = 64, Camera = Camera.GoxelDefault };
        var withHidden = Renderer.Render(project.Snapshot(), options);
        var without = Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), options);
        Assert.Equal(without.Pixels, withHidden.Pixels);
    }

    [Fact]
    public void UpperLayerWinsWhereLayersOverlap()
    {
        var project = SampleScenes.CubeOnFloor();
        project.AddLayer("paint").Volume.FillBox(new VoxelBox(new Int3(-6, -6, 11), new Int3(5, 5, 11)), new Rgba(0, 0, 255, 255));
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 256, Height = 256, Camera = Camera.GoxelDefault, Background = Background.Goxel });
        var (x, y) = Images.ProjectPoint(Camera.GoxelDefault, 256, 256, new System.Numerics.Vector3(0, 0, 12));
        var (r, _, b, _) = image[x, y];
        Assert.True(b > 150 && r < 60, $"top should be the upper layer's blue, got r={r} b={b}");
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(200_000)]
    [InlineData(1_000_000_000)]
    public void CoarseLevelWalkMatchesBlockWalk(int far)
    {
        // A voxel far behind the camera makes the scene span many coarse levels (and, further out,
        // the brick and hash-map block tables) without changing what the camera sees: the
        // hierarchical walk must give the same picture as the plain block walk.
        var options = new RenderOptions { Width = 200, Height = 160, Camera = Camera.GoxelDefault, Edges = true };
        var near = Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), options);
        var project = SampleScenes.CubeOnFloor();
        project.ActiveLayer.Volume.Set(far, far, far, Rgba.White);
        var wide = Renderer.Render(project.Snapshot(), options);
        Assert.Equal(near.Pixels, wide.Pixels);
    }

    [Theory]
    [InlineData(CameraPreset.Default)]
    [InlineData(CameraPreset.Isometric)]
    [InlineData(CameraPreset.Bottom)]
    public void UniformBlocksDrawLikeTheSameCellsStoredOneByOne(CameraPreset preset)
    {
        // FillBox stores whole blocks as uniform (hit at block entry). The copy has one hidden cell
        // of another colour in the middle of each block, so its blocks keep a palette (walked
        // cell by cell). Same visible cells, same picture.
        var box = new VoxelBox(new Int3(-32, -16, 0), new Int3(31, 15, 31));
        var color = new Rgba(90, 160, 220, 255);
        var uniform = new Project("uniform");
        uniform.ActiveLayer.Volume.FillBox(box, color);
        uniform.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(-8, -8, 32), new Int3(7, 7, 47)), color);
        var cells = new Project("cells");
        foreach (var voxel in uniform.ActiveLayer.Volume)
        {
            // Cell 8,8,8 of each block of the large box lies 7 or more cells inside it.
            var hidden = (voxel.Position.X & 15) == 8 && (voxel.Position.Y & 15) == 8 && (voxel.Position.Z & 15) == 8 && voxel.Position.Z < 32;
            cells.ActiveLayer.Volume.Set(voxel.Position, hidden ? new Rgba(200, 10, 10, 255) : voxel.Color);
        }
        Assert.Contains(uniform.ActiveLayer.Volume.Blocks.Values, b => b.IsUniform);
        Assert.DoesNotContain(cells.ActiveLayer.Volume.Blocks.Values, b => b.IsUniform);
        var options = new RenderOptions { Width = 160, Height = 120, Preset = preset, Edges = true };
        Assert.Equal(Renderer.Render(cells.Snapshot(), options).Pixels, Renderer.Render(uniform.Snapshot(), options).Pixels);
    }

    [Theory]
    [InlineData(3, 0.02)]
    [InlineData(5, 0.5)]
    [InlineData(100_000, 0.9)]
    public void EveryBlockFormDrawsLikeMergedCells(int colors, double density)
    {
        // One layer keeps the cells in whatever form fits (lists, palettes, dense blocks); the same
        // cells split over two layers are merged into plain arrays for the render. Same picture.
        var rng = new Random(colors);
        var single = new Project("single");
        var split = new Project("split");
        var other = split.AddLayer("odd");
        for (var z = 0; z < 32; z++)
        for (var y = -16; y < 16; y++)
        for (var x = -16; x < 16; x++)
        {
            if (rng.NextDouble() >= density) continue;
            var i = rng.Next(1, colors + 1);
            var c = new Rgba((byte)(i * 37), (byte)(i >> 8), (byte)(i >> 16), 255);
            single.ActiveLayer.Volume.Set(x, y, z, c);
            (((x ^ y ^ z) & 1) == 0 ? split.Layers[0] : other).Volume.Set(x, y, z, c);
        }
        var options = new RenderOptions { Width = 160, Height = 120, Preset = CameraPreset.Isometric, Edges = true };
        Assert.Equal(Renderer.Render(split.Snapshot(), options).Pixels, Renderer.Render(single.Snapshot(), options).Pixels);
    }

    [Fact]
    public void ScenesOfManyListBlocksAreReadInPlace()
    {
        // More list blocks than a render decodes (4,096): the single layer is marched in place,
        // the split one through merged arrays. Two voxels per block, one in each split layer.
        var single = new Project("single");
        var split = new Project("split");
        var other = split.AddLayer("other");
        for (var bz = 0; bz < 10; bz++)
        for (var by = 0; by < 21; by++)
        for (var bx = 0; bx < 21; bx++)
        {
            var a = new Int3(bx * 16 + (by & 7), by * 16 + (bz & 7), bz * 16 + (bx & 7));
            var b = new Int3(a.X + 1, a.Y + 2, a.Z + 3);
            var c = new Rgba((byte)(bx * 12), (byte)(by * 12), (byte)(bz * 25), 255);
            single.ActiveLayer.Volume.Set(a, c);
            single.ActiveLayer.Volume.Set(b, Rgba.White);
            split.Layers[0].Volume.Set(a, c);
            other.Volume.Set(b, Rgba.White);
        }
        Assert.True(single.ActiveLayer.Volume.BlockCount > 4096);
        var options = new RenderOptions { Width = 160, Height = 120, Preset = CameraPreset.Isometric };
        Assert.Equal(Renderer.Render(split.Snapshot(), options).Pixels, Renderer.Render(single.Snapshot(), options).Pixels);
    }

    [Fact]
    public void VoxelsAtTheEdgesOfTheCoordinateRangeRender()
    {
        var project = new Project("extremes");
        var volume = project.ActiveLayer.Volume;
        // Set, not FillBox: Core's FillBox loops with "x <= max", which cannot end at int.MaxValue.
        void Cube(int origin, Rgba color)
        {
            for (var z = 0; z < 8; z++)
            for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++) volume.Set(origin + x, origin + y, origin + z, color);
        }
        // Framing is exact a million cells out; cameras are single-precision (System.Numerics), so at
        // 2^31 a position is only good to 128 cells and a small cube there may fall out of frame.
        Cube(1_000_000, new Rgba(200, 0, 0, 255));
        var alone = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 64, Height = 64 });
        Assert.True(alone[32, 32].R > 100 && alone[32, 32].G < 60, $"the far cube should fill the centre, got {alone[32, 32]}");
        Cube(int.MaxValue - 7, new Rgba(200, 0, 0, 255));
        Cube(int.MinValue, new Rgba(0, 0, 200, 255));
        foreach (var preset in Enum.GetValues<CameraPreset>())
            Assert.Equal(64, Renderer.Render(project.Snapshot(), new RenderOptions { Width = 64, Height = 64, Preset = preset }).Width);
    }

    [Fact]
    public void VoxelsBelowHalfAlphaAreNotDrawn()
    {
        var project = new Project("ghost");
        // 40^3 cells: whole uniform blocks and partial mixed ones.
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(-20, -20, 0), new Int3(19, 19, 39)), new Rgba(255, 0, 0, 100));
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 32, Height = 32 });
        Assert.All(Enumerable.Range(0, 32 * 32), i => Assert.Equal(240, image.Pixels[i * 4]));
    }

    [Fact]
    public void SupersamplingSmoothsEdgesButKeepsFlatColours()
    {
        var scene = SampleScenes.CubeOnFloor().Snapshot();
        var one = Renderer.Render(scene, new RenderOptions { Width = 128, Height = 128, Camera = Camera.GoxelDefault });
        var two = Renderer.Render(scene, new RenderOptions { Width = 128, Height = 128, Camera = Camera.GoxelDefault, Supersampling = 2 });
        var (_, _, mean, _) = Images.Compare(one, two, 8);
        Assert.InRange(mean, 0.01, 3.0);
        Assert.Equal(one[64, 30], two[64, 30]); // inside the cube's top face
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2000, 3)]
    [InlineData(3, 2000)]
    public void TinyAndExtremeSizesRender(int width, int height)
    {
        foreach (var preset in Enum.GetValues<CameraPreset>())
        {
            var image = Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = width, Height = height, Preset = preset });
            Assert.Equal((width, height), (image.Width, image.Height));
            Assert.All(Enumerable.Range(0, width * height), i => Assert.Equal(255, image.Pixels[i * 4 + 3]));
        }
    }

    [Fact]
    public void CancelledRenderStops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 256, Height = 256 }, cancel.Token));
    }

    [Fact]
    public void ConcurrentRendersOfOneSnapshotAgree()
    {
        var snapshot = SampleScenes.TenThousandVoxels().Snapshot();
        var options = new RenderOptions { Width = 160, Height = 120 };
        var expected = Renderer.Render(snapshot, options).Pixels;
        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = Renderer.Render(snapshot, options with { Preset = i % 2 == 0 ? CameraPreset.Default : CameraPreset.Top }).Pixels);
        for (var i = 0; i < results.Length; i += 2) Assert.Equal(expected, results[i]);
    }

    [Fact]
    public void EdgeAntialiasingApproachesFullSupersampling()
    {
        var scene = SampleScenes.CubeOnFloor().Snapshot();
        var options = new RenderOptions { Width = 256, Height = 256, Camera = Camera.GoxelDefault, Background = Background.Goxel };
        var single = Renderer.Render(scene, options);
        var edges = Renderer.Render(scene, options with { EdgeAntialiasing = true });
        var full = Renderer.Render(scene, options with { Supersampling = 2 });
        var (_, _, singleToFull, _) = Images.Compare(single, full, 8);
        var (edgeBad, _, edgesToFull, _) = Images.Compare(edges, full, 8);
        Assert.True(edgesToFull < singleToFull / 2, $"edge AA {edgesToFull:F3} vs one sample {singleToFull:F3} (mean difference to 2x2)");
        Assert.True(edgeBad < 0.01, $"{edgeBad:P2} of pixels differ from 2x2 supersampling by more than 8");
        Assert.Equal(single[128, 60], edges[128, 60]); // inside the cube's top face: untouched
        var transparent = Renderer.Render(scene, options with { EdgeAntialiasing = true, Background = Background.Transparent });
        Assert.Equal(0, transparent[0, 0].A);
        Assert.Contains(Enumerable.Range(0, 256 * 256), i => transparent.Pixels[i * 4 + 3] is > 0 and < 255); // soft outline
    }

    [Fact]
    public void RenderReportsElapsedTime()
    {
        Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 32, Height = 32 }, out var elapsed);
        Assert.True(elapsed > TimeSpan.Zero);
    }
}
