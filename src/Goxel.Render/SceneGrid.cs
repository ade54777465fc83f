using System.Numerics;
using System.Runtime.Intrinsics;
using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// The visible layers of a project snapshot flattened for ray marching: the blocks (shared with
/// the snapshot, merged only where layers overlap), a block lookup table, and coarse occupancy
/// levels of 4^3 blocks, 16^3 blocks, ... up to a handful of cells, so rays skip empty space in
/// large steps. Built once per render and read by all threads.
/// </summary>
internal sealed partial class SceneGrid
{
    /// <summary>Cells with alpha at or above this are drawn (upstream's mesher uses 127).</summary>
    public const int SolidAlpha = 127;

    /// <summary>The top level stops growing once it has at most this many cells.</summary>
    private const long TopCells = 64;

    /// <summary>Most list or palette blocks decoded to arrays for one render (64 MiB).</summary>
    private const int MaxDecodedBlocks = 4096;

    /// <summary>Level of whole blocks; 0 is voxels and 1 is 4^3 sub-blocks.</summary>
    private const int BlockLevel = 2;

    private readonly RenderBlock[] _blocks;
    private readonly ulong[] _subMasks;
    private readonly SolidBox[] _solidBoxes;

    // The solid box as the doubles the slab test needs: [min, max + 1) on each axis.
    private readonly Bounds _solidBox;
    private readonly BlockTable? _table;
    private readonly OccupancyLevel?[] _levels;

    private SceneGrid(RenderBlock[] blocks, Int3[] blockOrigins, BlockTable? table, OccupancyLevel?[] levels, int maxThreads, RenderCache? cache)
    {
        _blocks = blocks;
        _subMasks = new ulong[blocks.Length];
        _solidBoxes = new SolidBox[blocks.Length];
        // Lists and palettes read slower than arrays in the innermost loops: a scene with few of
        // them decodes them for this render (at most MaxDecodedBlocks x 16 KiB, what they all cost
        // before blocks chose their form); a larger one reads them in place.
        var decode = blocks.Count(b => b.IsPacked) <= MaxDecodedBlocks;
        Parallel.For(0, blocks.Length, new ParallelOptions { MaxDegreeOfParallelism = maxThreads }, i =>
            (_subMasks[i], _solidBoxes[i]) = Prepare(ref blocks[i], decode, cache));
        SolidMin = new Int3(int.MaxValue, int.MaxValue, int.MaxValue);
        SolidMax = new Int3(int.MinValue, int.MinValue, int.MinValue);
        for (var i = 0; i < blocks.Length; i++)
        {
            if (_subMasks[i] == 0) continue;
            HasSolid = true;
            var box = _solidBoxes[i];
            var origin = blockOrigins[i];
            SolidMin = Int3.Min(SolidMin, new Int3(origin.X + box.MinX, origin.Y + box.MinY, origin.Z + box.MinZ));
            SolidMax = Int3.Max(SolidMax, new Int3(origin.X + box.MaxX, origin.Y + box.MaxY, origin.Z + box.MaxZ));
        }
        _solidBox = new Bounds(SolidMin.X, SolidMin.Y, SolidMin.Z, SolidMax.X + 1.0, SolidMax.Y + 1.0, SolidMax.Z + 1.0);
        _table = table;
        _levels = levels;
        TopLevel = levels.Length - 1;
    }

    /// <summary>True when nothing is visible (no cell is solid).</summary>
    public bool IsEmpty => !HasSolid;

    private bool HasSolid { get; }

    /// <summary>Smallest solid cell coordinate on each axis (valid when not <see cref="IsEmpty"/>).</summary>
    public Int3 SolidMin { get; }

    /// <summary>Largest solid cell coordinate on each axis (valid when not <see cref="IsEmpty"/>).</summary>
    public Int3 SolidMax { get; }

    /// <summary>Highest level: 2 = blocks, 3 = 4^3 blocks, 4 = 16^3 blocks, ...; each level's cells are 4^level voxels wide.</summary>
    public int TopLevel { get; }

    /// <summary>
    /// Flattens the visible layers of <paramref name="project"/>, bottom layer first, upper layers
    /// drawn over, on at most <paramref name="maxThreads"/> threads (-1: no bound), reusing the
    /// per-block data <paramref name="cache"/> holds for unchanged blocks.
    /// </summary>
    public static SceneGrid Build(Project project, int maxThreads = -1, RenderCache? cache = null)
    {
        var index = new Dictionary<Int3, int>();
        var blocks = new List<RenderBlock>();
        foreach (var layer in project.Layers)
        {
            if (!layer.Visible) continue;
            foreach (var (key, block) in layer.Volume.Blocks)
            {
                if (block.VoxelCount == 0) continue;
                if (index.TryGetValue(key, out var i)) blocks[i] = blocks[i].Under(block);
                else
                {
                    index.Add(key, blocks.Count);
                    blocks.Add(new RenderBlock(block));
                }
            }
        }
        if (blocks.Count == 0) return new SceneGrid([], [], null, [null, null, null], maxThreads, cache);

        var min = new Int3(int.MaxValue, int.MaxValue, int.MaxValue);
        var max = new Int3(int.MinValue, int.MinValue, int.MinValue);
        foreach (var key in index.Keys)
        {
            min = Int3.Min(min, key);
            max = Int3.Max(max, key);
        }
        var table = new BlockTable(index, min, max);

        var levels = new List<OccupancyLevel?> { null, null, null };
        var cells = CellBox.Count(min, max);
        for (var shift = 2; cells > TopCells && shift < 32; shift += 2)
        {
            var lo = Shifted(min, shift);
            var hi = Shifted(max, shift);
            var occupied = new HashSet<Int3>();
            foreach (var key in index.Keys) occupied.Add(Shifted(key, shift));
            var level = new OccupancyLevel(occupied, lo, hi);
            levels.Add(level);
            cells = level.BoxCells;
        }
        var origins = new Int3[blocks.Count];
        foreach (var (key, i) in index) origins[i] = new Int3(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift);
        return new SceneGrid([.. blocks], origins, table, [.. levels], maxThreads, cache);
    }

    /// <summary>The packed colour at a cell; 0 when empty or outside the scene.</summary>
    public uint GetPacked(int x, int y, int z)
    {
        if (_table is null) return 0;
        var i = _table.Find(x >> Block.Shift, y >> Block.Shift, z >> Block.Shift);
        return i < 0 ? 0 : _blocks[i].PackedAt(Block.Index(x & Block.Mask, y & Block.Mask, z & Block.Mask));
    }

    /// <summary>True when the cell is drawn as a solid cube.</summary>
    public bool IsSolid(int x, int y, int z) => GetPacked(x, y, z) >> 24 >= SolidAlpha;

    private static Int3 Shifted(Int3 p, int shift) => new(p.X >> shift, p.Y >> shift, p.Z >> shift);

    /// <summary>
    /// One bit per 4^3 sub-block (x fastest) holding at least one solid cell, and the tight box of
    /// the solid cells (local coordinates, inclusive): rays clip to it before stepping.
    /// </summary>
    private static (ulong Mask, SolidBox Box) Analyze(RenderBlock block)
    {
        if (block.IsUniform)
            return block.Uniform >> 24 >= SolidAlpha ? (ulong.MaxValue, new SolidBox(0, 0, 0, Block.Mask, Block.Mask, Block.Mask)) : (0, default);
        if (block.TryGetCells(out var cells)) return Analyze(cells);
        Span<uint> decoded = stackalloc uint[Block.CellCount];
        block.CopyTo(decoded);
        return Analyze(decoded);
    }

    private static (ulong Mask, SolidBox Box) Analyze(ReadOnlySpan<uint> cells)
    {
        // A row of 16 cells at a time: two vector compares give its solid cells as 16 bits, which
        // yield the row's x extent and its four sub-block bits without visiting cells one by one.
        var solid = Vector256.Create((uint)SolidAlpha << 24);
        ulong mask = 0;
        int minX = Block.Size, minY = Block.Size, minZ = Block.Size, maxX = -1, maxY = -1, maxZ = -1;
        for (var row = 0; row < Block.Size * Block.Size; row++)
        {
            var at = row * Block.Size;
            var bits = Vector256.GreaterThanOrEqual(Vector256.Create(cells.Slice(at, 8)), solid).ExtractMostSignificantBits()
                       | (Vector256.GreaterThanOrEqual(Vector256.Create(cells.Slice(at + 8, 8)), solid).ExtractMostSignificantBits() << 8);
            if (bits == 0) continue;
            int y = row & Block.Mask, z = row >> Block.Shift;
            minX = Math.Min(minX, BitOperations.TrailingZeroCount(bits));
            maxX = Math.Max(maxX, 31 - BitOperations.LeadingZeroCount(bits));
            minY = Math.Min(minY, y);
            minZ = Math.Min(minZ, z);
            maxY = Math.Max(maxY, y);
            maxZ = Math.Max(maxZ, z);
            var sub = ((y >> 2) << 2) | ((z >> 2) << 4);
            for (var q = 0; q < 4; q++)
                if ((bits >> (4 * q) & 0xF) != 0) mask |= 1UL << (q | sub);
        }
        return mask == 0 ? (0, default) : (mask, new SolidBox((byte)minX, (byte)minY, (byte)minZ, (byte)maxX, (byte)maxY, (byte)maxZ));
    }

    /// <summary>A box in voxel space, minimum inclusive and maximum exclusive.</summary>
    private readonly record struct Bounds(double MinX, double MinY, double MinZ, double MaxX, double MaxY, double MaxZ);

    /// <summary>Inclusive box of a block's solid cells, in local coordinates 0-15.</summary>
    private readonly record struct SolidBox(byte MinX, byte MinY, byte MinZ, byte MaxX, byte MaxY, byte MaxZ);
}
