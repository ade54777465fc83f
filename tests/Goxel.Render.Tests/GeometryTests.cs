using System.Numerics;
using Goxel.Render.Tests.Scenes;
using Goxel.Render.Tests.Support;

namespace Goxel.Render.Tests;

/// <summary>
/// The lit, shadowed and background regions of cube-on-floor are where geometry says they are,
/// with upstream Goxel's colours (measured in reference/upstream-renders/cube-on-floor.png).
/// </summary>
public sealed class GeometryTests
{
    private const int Size = 512;
    private static readonly RenderOptions UpstreamLook = new()
    {
        Width = Size, Height = Size, Camera = Camera.GoxelDefault, Background = Background.Goxel,
    };

    private static readonly RenderImage Picture = new VoxelRenderer().Render(SampleScenes.CubeOnFloor().Snapshot(), UpstreamLook);

    private static (int X, int Y) At(float x, float y, float z) => Images.ProjectPoint(Camera.GoxelDefault, Size, Size, new Vector3(x, y, z));

    [Fact]
    public void CubeTopIsLitRed() => Images.AssertColor(Picture, At(0, 0, 12), (190, 33, 33), 4, "cube top");

    [Fact]
    public void CubePlusXFaceIsMidRed() => Images.AssertColor(Picture, At(6, 0, 6), (150, 19, 19), 5, "cube +x face");

    [Fact]
    public void CubeMinusYFaceIsDarkestRed() => Images.AssertColor(Picture, At(0, -6, 6), (118, 11, 11), 5, "cube -y face");

    [Fact]
    public void FloorAwayFromCubeIsLitGreen() => Images.AssertColor(Picture, At(12, -12, 0), (43, 175, 43), 5, "lit floor");

    [Fact]
    public void ShadowFallsTowardsMinusXMinusY()
    {
        // The light comes from (0.296, 0.171, 0.940): the 12-high cube's shadow reaches 3.8 voxels
        // towards -x and 2.2 towards -y; the floor on the +x side is lit.
        Images.AssertColor(Picture, At(-9, -7, 0), (35, 154, 35), 5, "floor in the cube's shadow (-x side)");
        Images.AssertColor(Picture, At(-1, -7, 0), (35, 154, 35), 5, "floor in the cube's shadow (-y side)");
        Images.AssertColor(Picture, At(8, 0, 0), (43, 175, 43), 6, "floor beside the cube, lit side");
        Images.AssertColor(Picture, At(-12, -10, 0), (43, 175, 43), 6, "floor beyond the shadow");
    }

    [Fact]
    public void BackgroundIsUpstreamGradient()
    {
        Images.AssertColor(Picture, (0, 0), (19, 19, 19), 1, "top-left background");
        Images.AssertColor(Picture, (Size - 1, Size - 1), (121, 121, 121), 1, "bottom-right background");
        Images.AssertColor(Picture, (Size - 1, 0), (19, 19, 19), 1, "top-right background");
        Images.AssertColor(Picture, (2, 60), (31, 31, 31), 1, "background row 60 of the gradient");
    }

    [Fact]
    public void TopFaceBrighterThanSidesAndSidesOrdered()
    {
        var top = Picture[At(0, 0, 12).X, At(0, 0, 12).Y].R;
        var plusX = Picture[At(6, 0, 6).X, At(6, 0, 6).Y].R;
        var minusY = Picture[At(0, -6, 6).X, At(0, -6, 6).Y].R;
        Assert.True(top > plusX && plusX > minusY, $"top {top}, +x {plusX}, -y {minusY}");
    }

    [Fact]
    public void AmbientOcclusionDarkensFloorAlongCubeBase()
    {
        var near = Picture[At(6.05f, 0, 0).X, At(6.05f, 0, 0).Y].G;
        var far = Picture[At(9.5f, 3, 0).X, At(9.5f, 3, 0).Y].G;
        Assert.True(near < far - 10, $"floor next to the cube {near} should be darker than open floor {far}");
    }

    [Theory]
    [InlineData("cube-on-floor")]
    [InlineData("ten-thousand")]
    [InlineData("chr_knight")]
    public void FaceCornerShadowsMatchPerPixelShadowRays(string scene)
    {
        var project = scene switch
        {
            "cube-on-floor" => SampleScenes.CubeOnFloor(),
            "ten-thousand" => SampleScenes.TenThousandVoxels(),
            _ => FixtureScenes.ChrKnight(),
        };
        var renderer = new VoxelRenderer();
        var options = new RenderOptions { Width = 400, Height = 300 };
        var faces = renderer.Render(project.Snapshot(), options);
        var rays = renderer.Render(project.Snapshot(), options with { ShadowRayPerPixel = true });
        var (badShare, _, _, _) = Images.Compare(faces, rays, pixelTolerance: 2);
        Assert.True(badShare <= 0.002, $"{badShare:P3} of pixels differ between face-corner and per-pixel shadows");
    }
}
