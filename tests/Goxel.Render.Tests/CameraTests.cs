using System.Numerics;
using Goxel.Core;
using Goxel.Render.Tests.Scenes;
using Goxel.Render.Tests.Support;

namespace Goxel.Render.Tests;

public sealed class CameraTests
{
    private static readonly VoxelRenderer Renderer = new();

    [Fact]
    public void GoxelDefaultMatchesUpstreamCamera()
    {
        var camera = Camera.GoxelDefault;
        Assert.Equal(64f, camera.Position.X, 0.01f);
        Assert.Equal(-64f, camera.Position.Y, 0.01f);
        Assert.Equal(90.51f, camera.Position.Z, 0.01f);
        Assert.Equal(Vector3.Zero, camera.Target);
        Assert.Equal(20f, camera.FovYDegrees);
        Assert.Equal(Projection.Perspective, camera.Projection);
    }

    [Theory]
    [InlineData("front", CameraPreset.Front)]
    [InlineData("BACK", CameraPreset.Back)]
    [InlineData(" Left ", CameraPreset.Left)]
    [InlineData("right", CameraPreset.Right)]
    [InlineData("top", CameraPreset.Top)]
    [InlineData("bottom", CameraPreset.Bottom)]
    [InlineData("isometric", CameraPreset.Isometric)]
    [InlineData("ISO", CameraPreset.Isometric)]
    [InlineData("default", CameraPreset.Default)]
    [InlineData("", CameraPreset.Default)]
    [InlineData(null, CameraPreset.Default)]
    public void ParsesPresetNames(string? name, CameraPreset expected) => Assert.Equal(expected, CameraPresets.Parse(name));

    [Fact]
    public void UnknownPresetNamesTheValidOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => CameraPresets.Parse("diagonal"));
        Assert.Contains("diagonal", error.Message);
        Assert.Contains("front, back, left, right, top, bottom, isometric", error.Message);
        Assert.False(CameraPresets.TryParse("diagonal", out _));
    }

    /// <summary>Two marker cubes, red at +X and blue at +Y, on a grey slab: tells which way a view faces.</summary>
    private static Project Markers()
    {
        var project = new Project("markers");
        var v = project.ActiveLayer.Volume;
        v.FillBox(new VoxelBox(new Int3(-12, -12, -2), new Int3(11, 11, -1)), new Rgba(128, 128, 128, 255));
        v.FillBox(new VoxelBox(new Int3(8, -2, 0), new Int3(11, 1, 3)), new Rgba(255, 0, 0, 255));
        v.FillBox(new VoxelBox(new Int3(-2, 8, 0), new Int3(1, 11, 3)), new Rgba(0, 0, 255, 255));
        return project;
    }

    /// <summary>Centroid of the pixels where one channel clearly dominates, as fractions of the image size.</summary>
    private static (double X, double Y) Centroid(RenderImage image, int channel)
    {
        double sx = 0, sy = 0, n = 0;
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var i = (y * image.Width + x) * 4;
            var c = image.Pixels[i + channel];
            var others = channel == 0 ? Math.Max(image.Pixels[i + 1], image.Pixels[i + 2]) : Math.Max(image.Pixels[i], image.Pixels[i + 1]);
            if (c < others + 40) continue;
            sx += x;
            sy += y;
            n++;
        }
        Assert.True(n > 0, $"no pixel dominated by channel {channel}");
        return (sx / n / image.Width, sy / n / image.Height);
    }

    [Theory]
    [InlineData(CameraPreset.Front, "red right")]
    [InlineData(CameraPreset.Back, "red left")]
    [InlineData(CameraPreset.Right, "blue right")]
    [InlineData(CameraPreset.Left, "blue left")]
    [InlineData(CameraPreset.Top, "red right, blue up")]
    [InlineData(CameraPreset.Isometric, "red right")]
    [InlineData(CameraPreset.Default, "red right")]
    public void PresetsLookWhereDocumented(CameraPreset preset, string expectation)
    {
        var image = Renderer.Render(Markers().Snapshot(), new RenderOptions { Width = 160, Height = 120, Preset = preset });
        if (expectation.Contains("red right")) Assert.True(Centroid(image, 0).X > 0.55, $"{preset}: red marker should be right of centre");
        if (expectation.Contains("red left")) Assert.True(Centroid(image, 0).X < 0.45, $"{preset}: red marker should be left of centre");
        if (expectation.Contains("blue right")) Assert.True(Centroid(image, 2).X > 0.55, $"{preset}: blue marker should be right of centre");
        if (expectation.Contains("blue left")) Assert.True(Centroid(image, 2).X < 0.45, $"{preset}: blue marker should be left of centre");
        if (expectation.Contains("blue up")) Assert.True(Centroid(image, 2).Y < 0.45, $"{preset}: blue marker should be above centre");
    }

    [Fact]
    public void BottomViewShowsUndersideWithPlusXRight()
    {
        // From below only the slab's underside is visible: the markers stand on top of it.
        var project = new Project("bottom");
        var v = project.ActiveLayer.Volume;
        v.FillBox(new VoxelBox(new Int3(4, -2, 0), new Int3(7, 1, 3)), new Rgba(255, 0, 0, 255));
        v.FillBox(new VoxelBox(new Int3(-2, 4, 0), new Int3(1, 7, 3)), new Rgba(0, 0, 255, 255));
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 160, Height = 160, Preset = CameraPreset.Bottom });
        Assert.True(Centroid(image, 0).X > 0.55, "red (+X) right");
        Assert.True(Centroid(image, 2).Y > 0.55, "blue (+Y) below centre: -Y is up in the bottom view");
    }

    [Theory]
    [InlineData(CameraPreset.Default, 512, 512)]
    [InlineData(CameraPreset.Front, 640, 200)]
    [InlineData(CameraPreset.Top, 200, 640)]
    [InlineData(CameraPreset.Isometric, 300, 300)]
    [InlineData(CameraPreset.Right, 1920, 1080)]
    public void FramingKeepsEveryBoxCornerInside(CameraPreset preset, int width, int height)
    {
        var box = new VoxelBox(new Int3(-20, -7, -1), new Int3(35, 9, 40));
        var camera = CameraPresets.Frame(preset, box, width, height);
        var touches = false;
        for (var i = 0; i < 8; i++)
        {
            var corner = new Vector3((i & 1) != 0 ? box.Max.X + 1 : box.Min.X, (i & 2) != 0 ? box.Max.Y + 1 : box.Min.Y, (i & 4) != 0 ? box.Max.Z + 1 : box.Min.Z);
            var (x, y) = Images.ProjectPoint(camera, width, height, corner);
            Assert.InRange(x, 0, width - 1);
            Assert.InRange(y, 0, height - 1);
            touches |= x < width * 0.1 || x > width * 0.9 || y < height * 0.1 || y > height * 0.9;
        }
        Assert.True(touches, "the box should fill the frame on its tightest side");
    }

    [Fact]
    public void OrbitPlacesTheCameraAtTheDistance()
    {
        var target = new Vector3(1, 2, 3);
        var front = CameraPresets.Orbit(CameraPreset.Front, target, 50);
        Assert.Equal(new Vector3(1, -48, 3), front.Position);
        Assert.Equal(target, front.Target);
        Assert.Equal(Projection.Perspective, front.Projection);
        var iso = CameraPresets.Orbit(CameraPreset.Isometric, target, 50);
        Assert.Equal(50f, Vector3.Distance(iso.Position, iso.Target), 0.01f);
        Assert.Equal(Projection.Orthographic, iso.Projection);
        Assert.Equal(50f * MathF.Tan(10f * MathF.PI / 180f), iso.OrthoHalfHeight, 0.001f);
        Assert.Throws<ArgumentException>(() => CameraPresets.Orbit(CameraPreset.Top, target, 0));
        var image = Renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 64, Height = 64, Camera = CameraPresets.Orbit(CameraPreset.Top, new Vector3(0, 0, 6), 100) });
        Assert.True(image[32, 32].R > 150, "looking down on the red cube");
    }

    [Fact]
    public void ExplicitSeedGuideCameraRenders()
    {
        // The seed guide's benchmark camera: Y up, fov 45, looking at (0, -16, 0).
        var camera = new Camera(new Vector3(20, 20, 20), new Vector3(0, -16, 0), Vector3.UnitY, 45);
        var project = new Project("seed");
        project.ActiveLayer.Volume.FillBox(new VoxelBox(new Int3(-4, -20, -4), new Int3(4, -12, 4)), new Rgba(200, 100, 50, 255));
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 128, Height = 128, Camera = camera });
        var (r, g, b, _) = image[64, 64];
        Assert.True(r > g && g > b && r != 240, $"centre pixel ({r},{g},{b}) should show the orange box");
    }

    [Fact]
    public void OrthographicSizeDoesNotDependOnDistance()
    {
        var project = SampleScenes.CubeOnFloor();
        int Width(float distance)
        {
            var camera = new Camera(new Vector3(0, -distance, 6), new Vector3(0, 0, 6), Vector3.UnitZ, Projection: Projection.Orthographic, OrthoHalfHeight: 16);
            var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 128, Height = 128, Camera = camera, Shadows = false });
            var row = 40; // through the cube, above the floor
            return Enumerable.Range(0, 128).Count(x => image[x, row].R > 100 && image[x, row].G < 80);
        }
        Assert.Equal(Width(30), Width(300));
        Assert.InRange(Width(30), 44, 52); // 12 voxels of 32 visible across 128 pixels = 48
    }

    [Fact]
    public void CameraInsideSolidSeesOut()
    {
        var project = SampleScenes.CubeOnFloor();
        var camera = new Camera(new Vector3(0.5f, 0.5f, 5.5f), new Vector3(0.5f, 20, 5.5f), Vector3.UnitZ, 60);
        var image = Renderer.Render(project.Snapshot(), new RenderOptions { Width = 32, Height = 32, Camera = camera });
        Assert.Equal(240, image[16, 8].R); // looking out of the cube at the sky
    }

    [Theory]
    [InlineData(0f, 0f, 0f)]
    public void BadCamerasAreRejected(float x, float y, float z)
    {
        var same = new Camera(new Vector3(x, y, z), new Vector3(x, y, z), Vector3.UnitZ);
        Assert.Throws<ArgumentException>(() => Renderer.Render(new Project("p"), new RenderOptions { Camera = same }));
        var parallelUp = new Camera(new Vector3(0, 0, 10), Vector3.Zero, Vector3.UnitZ);
        Assert.Throws<ArgumentException>(() => Renderer.Render(new Project("p"), new RenderOptions { Camera = parallelUp }));
        var badFov = new Camera(new Vector3(0, -10, 10), Vector3.Zero, Vector3.UnitZ, 180);
        Assert.Throws<ArgumentException>(() => Renderer.Render(new Project("p"), new RenderOptions { Camera = badFov }));
    }
}
