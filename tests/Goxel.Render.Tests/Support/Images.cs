using System.Numerics;
using System.Runtime.CompilerServices;
using StbImageSharp;

namespace Goxel.Render.Tests.Support;

/// <summary>Loading, comparing and locating pixels of test pictures.</summary>
public static class Images
{
    /// <summary>Folder of the committed golden PNGs in the source tree (written when regenerating).</summary>
    public static string SourceGoldenDirectory() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "golden"));

    private static string ThisFile([CallerFilePath] string path = "") => path;

    /// <summary>Set GOXEL_UPDATE_GOLDEN=1 to rewrite the golden PNGs from the current renderer.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("GOXEL_UPDATE_GOLDEN") == "1";

    /// <summary>Decodes a PNG into an RGBA image (independent decoder: StbImageSharp).</summary>
    public static RenderImage Decode(byte[] png)
    {
        var result = ImageResult.FromMemory(png, ColorComponents.RedGreenBlueAlpha);
        return new RenderImage(result.Width, result.Height, result.Data);
    }

    /// <summary>Loads a golden PNG by file name.</summary>
    public static RenderImage LoadGolden(string name) => Decode(File.ReadAllBytes(Path.Combine(SourceGoldenDirectory(), name)));

    /// <summary>Averages 2x2 blocks, like upstream's img_downsample.</summary>
    public static RenderImage Downsample(RenderImage image)
    {
        int w = image.Width / 2, h = image.Height / 2;
        var pixels = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        for (var c = 0; c < 4; c++)
        {
            var sum = 0;
            for (var dy = 0; dy < 2; dy++)
            for (var dx = 0; dx < 2; dx++) sum += image.Pixels[((2 * y + dy) * image.Width + 2 * x + dx) * 4 + c];
            pixels[(y * w + x) * 4 + c] = (byte)((sum + 2) / 4);
        }
        return new RenderImage(w, h, pixels);
    }

    /// <summary>
    /// Per-pixel and structural comparison: the share of pixels whose largest channel difference
    /// exceeds <paramref name="pixelTolerance"/>, and the largest difference between the mean
    /// colours of an 8x8 grid of regions (the coarse structure of the picture), and which region
    /// (row * 8 + column) that was.
    /// </summary>
    public static (double BadPixelShare, double WorstRegionDifference, double MeanAbsDifference, int WorstRegion) Compare(RenderImage a, RenderImage b, int pixelTolerance)
    {
        Assert.Equal(a.Width, b.Width);
        Assert.Equal(a.Height, b.Height);
        long bad = 0, total = 0;
        const int grid = 8;
        var sums = new double[2, grid * grid, 4];
        var counts = new int[grid * grid];
        for (var y = 0; y < a.Height; y++)
        for (var x = 0; x < a.Width; x++)
        {
            var i = (y * a.Width + x) * 4;
            var region = y * grid / a.Height * grid + x * grid / a.Width;
            counts[region]++;
            var worst = 0;
            for (var c = 0; c < 4; c++)
            {
                var d = Math.Abs(a.Pixels[i + c] - b.Pixels[i + c]);
                worst = Math.Max(worst, d);
                total += d;
                sums[0, region, c] += a.Pixels[i + c];
                sums[1, region, c] += b.Pixels[i + c];
            }
            if (worst > pixelTolerance) bad++;
        }
        var worstRegion = 0.0;
        var worstIndex = 0;
        for (var r = 0; r < grid * grid; r++)
        for (var c = 0; c < 4; c++)
        {
            var d = Math.Abs(sums[0, r, c] - sums[1, r, c]) / counts[r];
            if (d <= worstRegion) continue;
            worstRegion = d;
            worstIndex = r;
        }
        var pixels = (double)a.Width * a.Height;
        return (bad / pixels, worstRegion, total / (pixels * 4), worstIndex);
    }

    /// <summary>Asserts a pixel is within <paramref name="tolerance"/> of an RGB colour on every channel.</summary>
    public static void AssertColor(RenderImage image, (int X, int Y) at, (int R, int G, int B) expected, int tolerance, string what)
    {
        var (r, g, b, _) = image[at.X, at.Y];
        var ok = Math.Abs(r - expected.R) <= tolerance && Math.Abs(g - expected.G) <= tolerance && Math.Abs(b - expected.B) <= tolerance;
        Assert.True(ok, $"{what} at {at}: got ({r},{g},{b}), expected ({expected.R},{expected.G},{expected.B}) ± {tolerance}");
    }

    /// <summary>
    /// The pixel a world point projects to, computed independently of the renderer from the camera
    /// definition (look-at basis, vertical fov, pixel centres at +0.5).
    /// </summary>
    public static (int X, int Y) ProjectPoint(Camera camera, int width, int height, Vector3 point)
    {
        var forward = Vector3.Normalize(camera.Target - camera.Position);
        var right = Vector3.Normalize(Vector3.Cross(forward, camera.Up));
        var up = Vector3.Cross(right, forward);
        var rel = point - camera.Position;
        float sx, sy;
        if (camera.Projection == Projection.Orthographic)
        {
            sx = Vector3.Dot(rel, right) / (camera.OrthoHalfHeight * width / height);
            sy = Vector3.Dot(rel, up) / camera.OrthoHalfHeight;
        }
        else
        {
            var depth = Vector3.Dot(rel, forward);
            var tan = MathF.Tan(camera.FovYDegrees * MathF.PI / 360f);
            sx = Vector3.Dot(rel, right) / depth / (tan * width / height);
            sy = Vector3.Dot(rel, up) / depth / tan;
        }
        return ((int)MathF.Floor((sx + 1) * 0.5f * width), (int)MathF.Floor((1 - sy) * 0.5f * height));
    }
}

/// <summary>Small conversions for comparing pictures.</summary>
public static class RenderImageExtensions
{
    /// <summary>The same picture with every alpha set to 255 (upstream PNGs are RGB).</summary>
    public static RenderImage WithOpaqueAlpha(this RenderImage image)
    {
        var pixels = (byte[])image.Pixels.Clone();
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        return new RenderImage(image.Width, image.Height, pixels);
    }
}
