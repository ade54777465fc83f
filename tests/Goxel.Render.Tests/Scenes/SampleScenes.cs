using Goxel.Core;

namespace Goxel.Render.Tests.Scenes;

/// <summary>Scenes built in code for golden images, geometry checks and the benchmark (linked into bench/render).</summary>
public static class SampleScenes
{
    /// <summary>Red cube colour of reference/upstream-renders/inputs/cube-on-floor.gox.</summary>
    public static readonly Rgba CubeRed = new(220, 30, 30, 255);

    /// <summary>Floor colour of cube-on-floor.gox.</summary>
    public static readonly Rgba FloorGreen = new(40, 200, 40, 255);

    /// <summary>
    /// The voxels of reference/upstream-renders/inputs/cube-on-floor.gox (read with a throwaway
    /// script): a green floor x, y in [-20, 19] at z = -1 and a red 12^3 cube x, y in [-6, 5], z in [0, 11].
    /// </summary>
    public static Project CubeOnFloor()
    {
        var project = new Project("cube-on-floor");
        var volume = project.ActiveLayer.Volume;
        volume.FillBox(new VoxelBox(new Int3(-20, -20, -1), new Int3(19, 19, -1)), FloorGreen);
        volume.FillBox(new VoxelBox(new Int3(-6, -6, 0), new Int3(5, 5, 11)), CubeRed);
        return project;
    }

    /// <summary>
    /// Exactly 10,000 voxels: a 64x64 chequered floor (4,096) and a stepped pyramid on it, each
    /// terrace a different colour, filled ring by ring until the count is reached.
    /// </summary>
    public static Project TenThousandVoxels()
    {
        const int target = 10_000;
        var project = new Project("ten-thousand");
        var volume = project.ActiveLayer.Volume;
        for (var y = -32; y < 32; y++)
        for (var x = -32; x < 32; x++)
            volume.Set(x, y, 0, ((x >> 3) + (y >> 3)) % 2 == 0 ? new Rgba(200, 200, 190, 255) : new Rgba(120, 130, 140, 255));
        Rgba[] terraces = [new(200, 60, 50, 255), new(230, 150, 40, 255), new(220, 210, 60, 255), new(80, 170, 80, 255), new(60, 120, 200, 255), new(140, 80, 180, 255)];
        var count = volume.VoxelCount;
        for (var z = 1; count < target; z++)
        {
            var half = Math.Max(17 - z, 1);
            var color = terraces[(z - 1) / 2 % terraces.Length];
            for (var y = -half; y < half && count < target; y++)
            for (var x = -half; x < half && count < target; x++)
            {
                volume.Set(x, y, z, color);
                count++;
            }
        }
        return project;
    }

    /// <summary>Voxels scattered over a cube <paramref name="size"/> wide: the sparse case that blew up the original.</summary>
    public static Project Sparse(int size, int clusters)
    {
        var project = new Project("sparse");
        var volume = project.ActiveLayer.Volume;
        var random = new Random(1234);
        for (var i = 0; i < clusters; i++)
        {
            var x = random.Next(-size / 2, size / 2);
            var y = random.Next(-size / 2, size / 2);
            var z = random.Next(0, size);
            var color = new Rgba((byte)random.Next(60, 256), (byte)random.Next(60, 256), (byte)random.Next(60, 256), 255);
            volume.FillBox(new VoxelBox(new Int3(x, y, z), new Int3(x + 3, y + 3, z + 3)), color);
        }
        return project;
    }

    /// <summary>
    /// A rolling heightfield <paramref name="size"/> cells square, up to 64 high, filled down to
    /// z = 0: a dense scene of millions of voxels (about 2.1 million at 256).
    /// </summary>
    public static Project Terrain(int size)
    {
        var project = new Project("terrain");
        var volume = project.ActiveLayer.Volume;
        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
        {
            var h = (int)(32 + 16 * Math.Sin(x * 0.05) + 14 * Math.Cos(y * 0.07) + 2 * Math.Sin((x + y) * 0.3));
            var color = h > 50 ? new Rgba(240, 240, 240, 255) : h > 36 ? new Rgba(110, 120, 90, 255) : new Rgba(70, 140, 60, 255);
            volume.FillBox(new VoxelBox(new Int3(x - size / 2, y - size / 2, 0), new Int3(x - size / 2, y - size / 2, h)), color);
        }
        return project;
    }
}
