using Goxel.Core;

namespace Goxel.Formats.Tests;

public sealed class OtherExportTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("goxel-other-");
    private readonly ProjectFiles _files;

    public OtherExportTests() => _files = new ProjectFiles(new PathPolicy(_folder.FullName));

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void PngSlicesLaySlicesSideBySide()
    {
        var project = RandomProjects.Make(91, spread: 10, opaque: false);
        project.ImageBox = new VoxelBox(new Int3(-10, -10, -10), new Int3(9, 9, 9));
        var path = _files.Export(project, "slices.png", "png slices");
        var image = StbImageSharp.ImageResult.FromMemory(File.ReadAllBytes(path), StbImageSharp.ColorComponents.RedGreenBlueAlpha);
        Assert.Equal(20 * 20, image.Width);
        Assert.Equal(20, image.Height);
        var flat = Flattening.VisibleLayers(project);
        for (var z = 0; z < 20; z++)
        for (var y = 0; y < 20; y++)
        for (var x = 0; x < 20; x++)
        {
            var at = (y * image.Width + z * 20 + x) * 4;
            var expected = flat.Get(x - 10, y - 10, z - 10);
            Assert.Equal(expected, new Rgba(image.Data[at], image.Data[at + 1], image.Data[at + 2], image.Data[at + 3]));
        }
    }

    [Fact]
    public void PovrayHasOneBoxPerSolidVoxel()
    {
        var project = RandomProjects.Make(92, spread: 10);
        var path = _files.Export(project, "scene.povray");
        var lines = File.ReadAllLines(path);
        Assert.Equal(Flattening.VisibleLayers(project).VoxelCount, lines.Count(l => l.TrimStart().StartsWith("object { Voxel", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("camera", StringComparison.Ordinal));
    }

    [Fact]
    public void VxlMapDecodesToTheSurfaceVoxels()
    {
        var project = new Project("map");
        var v = project.ActiveLayer.Volume;
        v.FillBox(new VoxelBox(new Int3(-20, -20, 0), new Int3(20, 20, 3)), new Rgba(10, 200, 30, 255));
        v.FillBox(new VoxelBox(new Int3(-5, -5, 10), new Int3(5, 5, 12)), new Rgba(200, 10, 30, 255)); // floating: has an underside
        var bytes = File.ReadAllBytes(_files.Export(project, "map.vxl"));

        var surface = new Dictionary<(int, int, int), Rgba>();
        var p = 0;
        for (var j = 0; j < 512; j++)
        for (var i = 0; i < 512; i++)
        {
            while (true)
            {
                int n = bytes[p], s = bytes[p + 1], e = bytes[p + 2];
                var top = e - s + 1;
                for (var k = 0; k < top; k++) surface[(i, j, s + k)] = Color(bytes, p + 4 + 4 * k);
                if (n == 0) { p += 4 * (top + 1); break; }
                var bottom = n - 1 - top;
                var colorsAt = p + 4 + 4 * top;
                p += 4 * n;
                int nextAir = bytes[p + 3];
                for (var k = 0; k < bottom; k++) surface[(i, j, nextAir - bottom + k)] = Color(bytes, colorsAt + 4 * k);
            }
        }
        Assert.Equal(bytes.Length, p);
        // The top of the slab, the top and underside of the floating block.
        Assert.Equal(new Rgba(10, 200, 30, 255), surface[(256, 256, 31 - 3)]);
        Assert.Equal(new Rgba(200, 10, 30, 255), surface[(256, 256, 31 - 12)]);
        Assert.Equal(new Rgba(200, 10, 30, 255), surface[(256, 256, 31 - 10)]);
        Assert.False(surface.ContainsKey((256, 256, 31 - 11)));
    }

    private static Rgba Color(byte[] b, int at) => new(b[at + 2], b[at + 1], b[at], 255);
}
