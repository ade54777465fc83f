using Goxel.Core;

namespace Goxel.Formats.Tests;

/// <summary>Random documents for round-trip tests.</summary>
internal static class RandomProjects
{
    /// <summary>
    /// A project with a few layers of scattered voxels and boxes. <paramref name="palette"/>
    /// limits the distinct colours (formats with palettes); opaque colours only when
    /// <paramref name="opaque"/>.
    /// </summary>
    public static Project Make(int seed, int layers = 3, int spread = 40, int palette = 0, bool opaque = true, bool hidden = true)
    {
        var rng = new Random(seed);
        var colors = Enumerable.Range(0, palette > 0 ? palette : 4096).Select(_ => RandomColor(rng, opaque)).ToArray();
        var project = new Project($"random-{seed}");
        project.RemoveLayer(project.Layers[0]);
        for (var l = 0; l < layers; l++)
        {
            var layer = l == 0 ? project.Layers[0] : project.AddLayer("");
            layer.Name = $"Layer {seed}-{l} é";
            if (hidden && l == 1) layer.Visible = false;
            var n = rng.Next(1, 400);
            for (var i = 0; i < n; i++)
            {
                var p = new Int3(rng.Next(-spread, spread), rng.Next(-spread, spread), rng.Next(-spread, spread));
                var color = colors[rng.Next(colors.Length)];
                if (rng.Next(20) == 0)
                    layer.Volume.FillBox(VoxelBox.FromCorners(p, new Int3(p.X + rng.Next(-18, 18), p.Y + rng.Next(-18, 18), p.Z + rng.Next(-5, 5))), color);
                else
                    layer.Volume.Set(p, color);
            }
        }
        return project;
    }

    public static Rgba RandomColor(Random rng, bool opaque) =>
        new((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), opaque ? (byte)255 : (byte)rng.Next(1, 256));
}
