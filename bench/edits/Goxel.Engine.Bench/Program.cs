// Engine speed in one process, no wire (issue 11's "edits, reads, flood fill, snapshots and
// renders stay as fast"): `Goxel.Engine.Bench [RUNS [WORD]]` prints one "name: ms" line per
// measure (those whose name holds WORD),
// the best of RUNS (default 9) wall-clock runs, each on a fresh volume; the best is the run the
// shared machine disturbed least. `Goxel.Engine.Bench rss` prints the memory of 1M voxels
// written in 4 packed batches, as the daemon's RSS benchmark writes them. Built against the
// engine before block forms too (bench/edits/run engine), so it uses only API both have.
using System.Diagnostics;
using System.Globalization;
using Goxel.Core;
using Goxel.Render;

if (args is ["rss"])
{
    var start = Environment.WorkingSet;
    var volume = new Volume();
    for (var k = 0; k < 4; k++) Batch(volume, 250_000, 25 * k);
    GC.Collect();
    using var self = Process.GetCurrentProcess();
    Console.WriteLine($"rss_1m_batches: working set {(Environment.WorkingSet - start) / 1048576.0:F1} MB over start, peak {self.PeakWorkingSet64 / 1048576.0:F1} MB, " +
                      $"heap {GC.GetTotalMemory(true) / 1048576.0:F1} MB, volume {volume.MemoryBytes / 1048576.0:F1} MB, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB");
    GC.KeepAlive(volume);
    return 0;
}

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
var only = args.Length > 1 ? args[1] : "";
var rng = new Random(1);
var randomCells = new int[1_000_000 * 3];
for (var i = 0; i < randomCells.Length; i++) randomCells[i] = rng.Next(500);
var randomColors = new uint[1_000_000];
for (var i = 0; i < randomColors.Length; i++) randomColors[i] = 0xFF000000u | (uint)rng.Next(1 << 24);

// Edits.
Measure("batch packed 100,000 (100x100x10, 256 colours)", () => new Volume(), v => Journaled(v, () => Batch(v, 100_000, 0)));
Measure("batch packed 1M (4 x 250,000)", () => new Volume(), v => Journaled(v, () => { for (var k = 0; k < 4; k++) Batch(v, 250_000, 25 * k); }));
Measure("batch 1M random cells of 500^3", () => new Volume(), v => Journaled(v, () => v.SetMany(randomCells, randomColors)));
Measure("set 1M random cells of 500^3, one by one", () => new Volume(), v =>
{
    for (var i = 0; i < randomColors.Length; i++) v.Set(randomCells[i * 3], randomCells[i * 3 + 1], randomCells[i * 3 + 2], Rgba.FromPacked(randomColors[i]));
});
Measure("sphere radius 100 (4.2M voxels)", () => new Volume(), v => Journaled(v, () => Shape.Fill(v, ShapeKind.Sphere, Shape.Region(default, new Int3(201, 201, 201)), new Rgba(200, 0, 0, 255))));
Measure("terrain 512 x 512 columns (heightmap, 3 materials)", () => new Volume(), v => Terrain(v, 512));

// Reads.
var scattered = new Volume();
scattered.SetMany(randomCells, randomColors);
var solid = new Volume();
Batch(solid, 1_000_000, 0);
Measure("get 1M cells of the random volume", () => scattered, v => Sum(v, randomCells));
Measure("get 1M cells of the batch solid", () => solid, v => Sum(v, Grid100()));
Measure("enumerate the random volume", () => scattered, v => { long n = 0; foreach (var _ in v) n++; });
Measure("enumerate the batch solid", () => solid, v => { long n = 0; foreach (var _ in v) n++; });

// Flood fill: recolour a 100^3 cube of one colour.
Measure("flood fill 1M voxels", () =>
{
    var v = new Volume();
    v.FillBox(new VoxelBox(default, new Int3(99, 99, 99)), new Rgba(255, 0, 0, 255));
    return v;
}, v =>
{
#if BEFORE
    FloodFill.Fill(v, default, new Rgba(0, 0, 255, 255), new VoxelBox(new Int3(-1, -1, -1), new Int3(100, 100, 100)), long.MaxValue);
#else
    FloodFill.Fill(v, default, new Rgba(0, 0, 255, 255), new VoxelBox(new Int3(-1, -1, -1), new Int3(100, 100, 100)), WorkBudget.Unlimited);
#endif
});

// Snapshots: O(blocks), then the first write to every shared block copies it.
Measure("snapshot of the random volume + 1 write per block", () => Copy(scattered), TouchAll);
Measure("snapshot of the batch solid + 1 write per block", () => Copy(solid), TouchAll);

// Renders: the whole pipeline (scene grid build, rays, shading), all threads, 256^2 and 512^2.
var renderer = new VoxelRenderer();
foreach (var (name, volume) in new[] { ("batch solid", solid), ("random volume", scattered), ("terrain 256", TerrainVolume(256)) })
{
    var project = new Project("bench");
    project.ActiveLayer.Volume.SetMany(Cells(volume, out var colors), colors);
    var snapshot = project.Snapshot();
    foreach (var size in new[] { 128, 512 })
        Measure($"render {name} {size}^2", () => snapshot, s => renderer.Render(s, new RenderOptions { Width = size, Height = size }));
}
return 0;

void Measure<T>(string name, Func<T> setup, Action<T> action)
{
    if (!name.Contains(only, StringComparison.Ordinal)) return;
    var best = double.MaxValue;
    for (var run = 0; run < runs + 1; run++)
    {
        var state = setup();
        var clock = Stopwatch.StartNew();
        action(state);
        // The first run warms up the JIT.
        if (run > 0) best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {best:F2}"));
}

// The daemon runs every edit in an undo step (of a project holding the volume).
static void Journaled(Volume volume, Action edit)
{
    var project = Project.FromLayers("bench", [new Layer(1, "bench", volume)], null, Project.DefaultImageBox);
    project.History.Begin(project);
    edit();
    project.History.Commit(project);
}

// bench/Goxel.Bench's packed batch: rows of 100 in x, 100 rows in y, z from z0 up; 256 colours.
static void Batch(Volume volume, int count, int z0)
{
    var positions = new int[count * 3];
    var colors = new uint[count];
    for (var i = 0; i < count; i++)
    {
        positions[i * 3] = i % 100;
        positions[i * 3 + 1] = i / 100 % 100;
        positions[i * 3 + 2] = z0 + i / 10000;
        colors[i] = new Rgba(255, (byte)i, 0, 255).Packed;
    }
    volume.SetMany(positions, colors);
}

static int[] Grid100()
{
    var cells = new int[1_000_000 * 3];
    for (var i = 0; i < 1_000_000; i++) (cells[i * 3], cells[i * 3 + 1], cells[i * 3 + 2]) = (i % 100, i / 100 % 100, i / 10000);
    return cells;
}

static void Sum(Volume volume, int[] cells)
{
    uint sum = 0;
    for (var i = 0; i < cells.Length; i += 3) sum += volume.Get(cells[i], cells[i + 1], cells[i + 2]).Packed;
    GC.KeepAlive(sum);
}

static Volume Copy(Volume volume)
{
    var copy = new Volume();
    copy.SetMany(Cells(volume, out var colors), colors);
    return copy;
}

static void TouchAll(Volume volume)
{
    var snapshot = volume.Snapshot();
    foreach (var key in snapshot.Blocks.Keys.ToArray())
        volume.Set(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift, new Rgba(1, 2, 3, 255));
    GC.KeepAlive(snapshot);
}

static int[] Cells(Volume volume, out uint[] colors)
{
    var positions = new List<int>();
    var values = new List<uint>();
    foreach (var (p, c) in volume)
    {
        positions.AddRange([p.X, p.Y, p.Z]);
        values.Add(c.Packed);
    }
    colors = [.. values];
    return [.. positions];
}

static Volume TerrainVolume(int size)
{
    var volume = new Volume();
    Terrain(volume, size);
    return volume;
}

// Columns of stone, three cells of dirt and grass on top, over a smooth heightmap.
static void Terrain(Volume volume, int size)
{
    for (var y = 0; y < size; y++)
    for (var x = 0; x < size; x++)
    {
        var top = (int)(40 + 12 * Math.Sin(x / 37.0) * Math.Cos(y / 29.0) + 5 * Math.Sin((x + 2 * y) / 13.0));
        for (var z = 0; z <= top; z++)
            volume.Set(x, y, z, z == top ? new Rgba(80, 160, 60, 255) : z > top - 4 ? new Rgba(120, 85, 60, 255) : new Rgba(128, 128, 128, 255));
    }
}
