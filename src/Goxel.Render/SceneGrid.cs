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

    /// <summary>Level of whole blocks; 0 is voxels and 1 is 4^3 sub-blocks.</summary>
    private const int BlockLevel = 2;

    private readonly RenderBlock[] _blocks;
    private readonly ulong[] _subMasks;
    private readonly BlockTable? _table;
    private readonly OccupancyLevel?[] _levels;

    private SceneGrid(RenderBlock[] blocks, BlockTable? table, OccupancyLevel?[] levels, Int3 blockMin, Int3 blockMax)
    {
        _blocks = blocks;
        _subMasks = new ulong[blocks.Length];
        Parallel.For(0, blocks.Length, i => _subMasks[i] = SubBlockMask(blocks[i]));
        _table = table;
        _levels = levels;
        TopLevel = levels.Length - 1;
        BlockMin = blockMin;
        BlockMax = blockMax;
    }

    /// <summary>Number of distinct blocks in the flattened scene.</summary>
    public int BlockCount => _blocks.Length;

    /// <summary>True when nothing is visible.</summary>
    public bool IsEmpty => _blocks.Length == 0;

    /// <summary>Highest level: 2 = blocks, 3 = 4^3 blocks, 4 = 16^3 blocks, ...; each level's cells are 4^level voxels wide.</summary>
    public int TopLevel { get; }

    /// <summary>Smallest block coordinate on each axis.</summary>
    public Int3 BlockMin { get; }

    /// <summary>Largest block coordinate on each axis.</summary>
    public Int3 BlockMax { get; }

    /// <summary>Flattens the visible layers of <paramref name="project"/>, bottom layer first, upper layers drawn over.</summary>
    public static SceneGrid Build(Project project)
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
        if (blocks.Count == 0) return new SceneGrid([], null, [null, null, null], default, default);

        var min = new Int3(int.MaxValue, int.MaxValue, int.MaxValue);
        var max = new Int3(int.MinValue, int.MinValue, int.MinValue);
        foreach (var key in index.Keys)
        {
            min = Int3.Min(min, key);
            max = Int3.Max(max, key);
        }
        var table = new BlockTable(index, min, max);

        var levels = new List<OccupancyLevel?> { null, null, null };
        var cells = (long)(max.X - min.X + 1) * (max.Y - min.Y + 1) * (max.Z - min.Z + 1);
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
        return new SceneGrid([.. blocks], table, [.. levels], min, max);
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

    /// <summary>One bit per 4^3 sub-block (x fastest) holding at least one solid cell.</summary>
    private static ulong SubBlockMask(RenderBlock block)
    {
        if (block.IsUniform) return block.Uniform >> 24 >= SolidAlpha ? ulong.MaxValue : 0;
        var cells = block.Cells;
        ulong mask = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] >> 24 < SolidAlpha) continue;
            int x = i & Block.Mask, y = (i >> Block.Shift) & Block.Mask, z = i >> (2 * Block.Shift);
            mask |= 1UL << ((x >> 2) | ((y >> 2) << 2) | ((z >> 2) << 4));
        }
        return mask;
    }
}
