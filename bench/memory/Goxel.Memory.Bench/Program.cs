// Bytes per voxel of the block storage (issue 11), one distribution per process so RSS is its own:
// `Goxel.Memory.Bench NAME [FIXTURES]` prints one Markdown row. Not a test.
using System.Diagnostics;
using Goxel.Core;
using Goxel.Formats;

var name = args.Length > 0 ? args[0] : "random";
var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
var clock = Stopwatch.StartNew();
List<Volume> volumes;
try
{
    volumes = Build(name, args.Length > 1 ? args[1] : "");
}
catch (Exception e) when (args.Length > 1)
{
    Console.WriteLine($"| {name} | not loaded: {e.Message.ReplaceLineEndings(" ")} | | | | | | | |");
    return 0;
}
var build = clock.Elapsed.TotalMilliseconds;
var heap = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
long voxels = 0, blocks = 0, bytes = 0, denseBytes = 0;
var kinds = new long[4];
foreach (var volume in volumes)
{
    voxels += volume.VoxelCount;
    blocks += volume.BlockCount;
    bytes += volume.MemoryBytes;
    foreach (var block in volume.Blocks.Values)
    {
        kinds[(int)block.Kind]++;
        // What the same block cost before blocks chose their form: 96 bytes of record, plus a
        // 16 KiB array unless the whole block was filled at once (the old MemoryBytes formula).
        denseBytes += 96 + (block.IsUniform ? 0 : Block.CellCount * sizeof(uint));
    }
}
using var self = Process.GetCurrentProcess();
Console.WriteLine($"| {name} | {voxels:N0} | {blocks:N0} | {kinds[0]:N0} / {kinds[1]:N0} / {kinds[2]:N0} / {kinds[3]:N0} " +
                  $"| {(double)denseBytes / voxels:N2} | {(double)bytes / voxels:N2} | {(double)heap / voxels:N2} | {self.WorkingSet64 / 1e6:N0} MB | {build:N0} ms |");
GC.KeepAlive(volumes);
return 0;

static List<Volume> Build(string name, string fixtures)
{
    var rng = new Random(1);
    var volume = new Volume();
    switch (name)
    {
        case "random":
            // 1M voxels at random cells of a 500^3 box, each a random opaque colour.
            for (var i = 0; i < 1_000_000; i++)
                volume.Set(rng.Next(500), rng.Next(500), rng.Next(500), new Rgba((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), 255));
            break;
        case "surface":
            // A 1-voxel-thick terrain surface over 1024 x 1024 columns, coloured in 8 height bands.
            for (var y = 0; y < 1024; y++)
            for (var x = 0; x < 1024; x++)
            {
                var z = Height(x, y);
                volume.Set(x, y, z, Band(z));
            }
            break;
        case "solid16":
            // A 100^3 solid (1M voxels), every voxel one of 16 colours at random.
            for (var z = 0; z < 100; z++)
            for (var y = 0; y < 100; y++)
            for (var x = 0; x < 100; x++)
                volume.Set(x, y, z, Band(rng.Next(16) * 8));
            break;
        case "menger":
            // Menger sponge of level 5 (243^3, 3.2M voxels), coloured by depth.
            for (var z = 0; z < 243; z++)
            for (var y = 0; y < 243; y++)
            for (var x = 0; x < 243; x++)
                if (InSponge(x, y, z)) volume.Set(x, y, z, Band(z / 2));
            break;
        case "minecraft":
            // A 256 x 256 region: bedrock, stone with ore specks, 3 voxels of dirt under grass,
            // sand and water near sea level, and caves winding through the stone.
            for (var y = 0; y < 256; y++)
            for (var x = 0; x < 256; x++)
            {
                var top = 40 + Height(x * 2, y * 2) / 2;
                for (var z = 0; z <= Math.Max(top, 60); z++)
                {
                    if (z > 0 && z < top - 4 && IsCave(x, y, z)) continue;
                    Rgba c = z == 0 ? new Rgba(20, 20, 20, 255)
                        : z > top ? new Rgba(40, 80, 200, 160)
                        : z == top ? (top <= 61 ? new Rgba(220, 200, 140, 255) : new Rgba(80, 160, 60, 255))
                        : z > top - 4 ? new Rgba(120, 85, 60, 255)
                        : rng.Next(100) == 0 ? new Rgba(30, 30, 30, 255) : new Rgba(128, 128, 128, 255);
                    volume.Set(x, y, z, c);
                }
            }
            break;
        default:
            // A fixture file: every layer counts.
            var files = new ProjectFiles(new PathPolicy(fixtures));
            return files.Load(name).Layers.Select(l => l.Volume).ToList();
    }
    return [volume];
}

static int Height(int x, int y) =>
    (int)(64 + 24 * Math.Sin(x / 57.0) * Math.Cos(y / 43.0) + 10 * Math.Sin((x + 2 * y) / 19.0) + 4 * Math.Cos((3 * x - y) / 7.0));

// Tunnels where two smooth fields both come near zero: about a tenth of the stone.
static bool IsCave(int x, int y, int z) =>
    Math.Abs(Math.Sin(x / 11.0) + Math.Cos(y / 13.0) + Math.Sin(z / 7.0)) < 0.35
    && Math.Abs(Math.Cos(x / 17.0 + z / 9.0) + Math.Sin(y / 15.0)) < 0.6;

static Rgba Band(int z) => new((byte)(z / 8 * 16), (byte)(255 - z / 8 * 16), 90, 255);

static bool InSponge(int x, int y, int z)
{
    for (; x > 0 || y > 0 || z > 0; x /= 3, y /= 3, z /= 3)
        if ((x % 3 == 1 ? 1 : 0) + (y % 3 == 1 ? 1 : 0) + (z % 3 == 1 ? 1 : 0) >= 2) return false;
    return true;
}
