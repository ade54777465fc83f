// Load/save times and sizes for a 1M-voxel project in .gox and .vox, and mesh export cost
// (greedy against one quad per visible voxel face). Not a test: prints a Markdown table.
using System.Diagnostics;
using Goxel.Core;
using Goxel.Formats;
using Goxel.Formats.Mesh;

const int Runs = 3;
var folder = Directory.CreateTempSubdirectory("goxel-formats-bench-");
try
{
    var files = new ProjectFiles(new PathPolicy(folder.FullName));
    foreach (var noisy in new[] { false, true })
    {
    var project = Terrain(noisy);
    Console.WriteLine();
    Console.WriteLine($"project: {project.VoxelCount:N0} voxels in {project.ActiveLayer.Volume.BlockCount:N0} blocks " +
                      (noisy ? "(128 x 128 terrain, every voxel a random colour of 4,096)" : "(128 x 128 terrain, 16 colour bands)"));
    Console.WriteLine();
    Console.WriteLine("| operation | median of 3 | output |");
    Console.WriteLine("|---|---:|---:|");
    foreach (var format in new[] { "gox", "vox" })
    {
        var path = $"terrain.{format}";
        var save = Median(() => files.Export(project, path));
        var size = new FileInfo(Path.Combine(folder.FullName, path)).Length;
        Project? loaded = null;
        var load = Median(() => loaded = files.Load(path));
        if (Flattening.VisibleLayers(loaded!).VoxelCount != project.VoxelCount) throw new InvalidOperationException($"{format} lost voxels");
        Console.WriteLine($"| save .{format} | {save:N0} ms | {size / 1024.0:N0} KiB |");
        Console.WriteLine($"| load .{format} | {load:N0} ms | |");
    }
    foreach (var style in new[] { MeshStyle.Greedy, MeshStyle.Cubes })
    {
        VoxelMesh? mesh = null;
        var build = Median(() => mesh = VoxelMesh.Build(project.ActiveLayer.Volume, style));
        Console.WriteLine($"| mesh ({style.ToString().ToLowerInvariant()}) | {build:N0} ms | {mesh!.TriangleCount:N0} triangles |");
        foreach (var format in new[] { "obj", "glb" })
        {
            var path = $"terrain-{style}.{format}";
            var export = Median(() => files.Export(project, path, null, new ExportOptions { Mesh = style }));
            Console.WriteLine($"| export .{format} ({style.ToString().ToLowerInvariant()}) | {export:N0} ms | {new FileInfo(Path.Combine(folder.FullName, path)).Length / 1024.0:N0} KiB |");
        }
    }
    }
}
finally
{
    folder.Delete(recursive: true);
}

static double Median(Action action)
{
    var times = new double[Runs];
    for (var i = 0; i < Runs; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        times[i] = sw.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times[Runs / 2];
}

// A solid height field: about a million voxels with a realistic surface, coloured in bands
// (the friendly case) or with random colours (the worst case for palettes and greedy merging).
static Project Terrain(bool noisy)
{
    var rng = new Random(1);
    var palette = Enumerable.Range(0, 4096).Select(_ => new Rgba((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), 255)).ToArray();
    var project = new Project("terrain");
    var volume = project.ActiveLayer.Volume;
    var bands = Enumerable.Range(0, 16).Select(i => new Rgba((byte)(40 + i * 12), (byte)(120 + i * 6), (byte)(60 + i * 4), 255)).ToArray();
    for (var y = 0; y < 128; y++)
    for (var x = 0; x < 128; x++)
    {
        var h = (int)(62 + 14 * Math.Sin(x / 9.0) * Math.Cos(y / 11.0) + 6 * Math.Sin((x + 2 * y) / 5.0));
        for (var z = 0; z < h; z++) volume.Set(x - 64, y - 64, z, noisy ? palette[rng.Next(palette.Length)] : bands[Math.Min(15, z / 5)]);
    }
    return project;
}
