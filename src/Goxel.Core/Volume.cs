using System.Runtime.InteropServices;

namespace Goxel.Core;

/// <summary>
/// A sparse voxel grid: 16^3 blocks keyed by block coordinate, unbounded signed coordinates.
/// <see cref="Snapshot"/> copies only the block map; blocks are shared and copied on the first
/// write from either side, so a snapshot never sees later edits. One writer at a time; any
/// number of threads may read a volume nobody writes (a snapshot). Edits can be journaled for
/// undo (Volume.Journal.cs).
/// </summary>
public sealed partial class Volume
{
    private readonly Dictionary<Int3, Block> _blocks;

    // Blocks created under this token may be written in place; any other block may be shared
    // with a snapshot and is copied before its first write.
    private object _owner = new();
    private long _voxelCount;

    // Sum of Block.MemoryBytes over _blocks, kept up to date by every write so that
    // MemoryBytes costs O(1) (a memory budget reads it per request).
    private long _blockBytes;

    // Writes to nearby cells hit the same block: remember it to skip the hash lookup.
    private Int3 _lastKey;
    private Block? _lastBlock;

    /// <summary>An empty volume.</summary>
    public Volume() => _blocks = [];

    private Volume(Dictionary<Int3, Block> blocks, long voxelCount, long blockBytes)
    {
        _blocks = blocks;
        _voxelCount = voxelCount;
        _blockBytes = blockBytes;
    }

    /// <summary>Number of non-empty cells.</summary>
    public long VoxelCount => _voxelCount;

    /// <summary>Number of stored blocks (each holds at least one voxel).</summary>
    public int BlockCount => _blocks.Count;

    /// <summary>The stored blocks by block coordinate (cell = block coordinate * 16 + local).</summary>
    public IReadOnlyDictionary<Int3, Block> Blocks => _blocks;

    /// <summary>
    /// Approximate heap bytes, O(1): the block map's entries plus every block's object and
    /// arrays (<see cref="Block.MemoryBytes"/>). Blocks shared with a snapshot count in both.
    /// </summary>
    public long MemoryBytes => 64 + _blocks.EnsureCapacity(0) * MapEntryBytes + _blockBytes;

    // A Dictionary<Int3, Block> entry (hash, next, key, value: 32) and its bucket (4).
    private const long MapEntryBytes = 36;

    /// <summary>Block coordinate of a cell coordinate (floor division by 16).</summary>
    public static Int3 BlockOf(int x, int y, int z) => new(x >> Block.Shift, y >> Block.Shift, z >> Block.Shift);

    /// <summary>The colour at a cell; <see cref="Rgba.Empty"/> when nothing is there.</summary>
    public Rgba Get(int x, int y, int z) =>
        Rgba.FromPacked(PackedAt(BlockOf(x, y, z), Block.Index(x & Block.Mask, y & Block.Mask, z & Block.Mask)));

    /// <summary>The packed colour of cell <paramref name="index"/> (<see cref="Block.Index"/>) of the block at <paramref name="key"/>; 0 when empty.</summary>
    public uint PackedAt(Int3 key, int index)
    {
        // The block last written is the one a read after a write asks for (the journal reads
        // back every cell an edit wrote): no hash lookup then.
        if (_lastBlock is { } last && _lastKey == key) return last.PackedAt(index);
        return _blocks.TryGetValue(key, out var block) ? block.PackedAt(index) : 0;
    }

    /// <summary>The colour at a cell.</summary>
    public Rgba Get(Int3 p) => Get(p.X, p.Y, p.Z);

    /// <summary>Writes a cell; a colour with alpha 0 empties it.</summary>
    public void Set(int x, int y, int z, Rgba color) =>
        Write(BlockOf(x, y, z), Block.Index(x & Block.Mask, y & Block.Mask, z & Block.Mask), color.A == 0 ? 0u : color.Packed);

    /// <summary>Writes a cell.</summary>
    public void Set(Int3 p, Rgba color) => Set(p.X, p.Y, p.Z, color);

    /// <summary>Fills the cells x0..x1 (inclusive) of one row; alpha 0 clears them.</summary>
    public void FillRow(int x0, int x1, int y, int z, Rgba color)
    {
        var value = color.A == 0 ? 0u : color.Packed;
        var by = y >> Block.Shift;
        var bz = z >> Block.Shift;
        var row = Block.Index(0, y & Block.Mask, z & Block.Mask);
        for (var x = x0; x <= x1;)
        {
            var end = Math.Min(x1, x | Block.Mask);
            FillRun(new Int3(x >> Block.Shift, by, bz), row + (x & Block.Mask), end - x + 1, value);
            x = end + 1;
            if (x == int.MinValue) break;
        }
    }

    /// <summary>Empties the whole volume.</summary>
    public void Clear()
    {
        foreach (var (key, block) in _blocks) RecordBlock(key, block);
        _blocks.Clear();
        _voxelCount = 0;
        _blockBytes = 0;
        _lastBlock = null;
    }

    /// <summary>
    /// Fills every cell of a box with one colour (alpha 0 clears). Blocks the box covers whole
    /// become uniform blocks without a cell array; only the border blocks are written per cell.
    /// </summary>
    public void FillBox(VoxelBox box, Rgba color)
    {
        if (!box.IsValid) return;
        var value = color.A == 0 ? 0u : color.Packed;
        var lo = BlockOf(box.Min.X, box.Min.Y, box.Min.Z);
        var hi = BlockOf(box.Max.X, box.Max.Y, box.Max.Z);
        for (var bz = lo.Z; bz <= hi.Z; bz++)
        for (var by = lo.Y; by <= hi.Y; by++)
        for (var bx = lo.X; bx <= hi.X; bx++)
        {
            var key = new Int3(bx, by, bz);
            var origin = new Int3(bx << Block.Shift, by << Block.Shift, bz << Block.Shift);
            var part = box.Intersect(new VoxelBox(origin, new Int3(origin.X + Block.Mask, origin.Y + Block.Mask, origin.Z + Block.Mask)));
            if (part.CellCount == Block.CellCount)
            {
                ReplaceBlock(key, value);
                continue;
            }
            // Local coordinates, so a box reaching int.MaxValue cannot overflow the loop.
            for (var lz = part.Min.Z - origin.Z; lz <= part.Max.Z - origin.Z; lz++)
            for (var ly = part.Min.Y - origin.Y; ly <= part.Max.Y - origin.Y; ly++)
                FillRun(key, Block.Index(part.Min.X - origin.X, ly, lz), part.Max.X - part.Min.X + 1, value);
        }
    }

    /// <summary>The exact box of non-empty cells, or null when the volume is empty.</summary>
    public VoxelBox? Bounds()
    {
        VoxelBox? bounds = null;
        foreach (var (key, block) in _blocks)
        {
            var origin = new Int3(key.X << Block.Shift, key.Y << Block.Shift, key.Z << Block.Shift);
            var local = block.VoxelCount == Block.CellCount
                ? new VoxelBox(default, new Int3(Block.Mask, Block.Mask, Block.Mask))
                : LocalBounds(block);
            var cells = new VoxelBox(
                new Int3(origin.X + local.Min.X, origin.Y + local.Min.Y, origin.Z + local.Min.Z),
                new Int3(origin.X + local.Max.X, origin.Y + local.Max.Y, origin.Z + local.Max.Z));
            bounds = bounds is { } b ? b.Union(cells) : cells;
        }
        return bounds;
    }

    /// <summary>
    /// A copy that later writes to either side never affect: O(number of blocks), no cell is
    /// copied until one side writes to a shared block.
    /// </summary>
    public Volume Snapshot()
    {
        // Both sides lose write access to every block they now share.
        _owner = new object();
        _lastBlock = null;
        return new Volume(new Dictionary<Int3, Block>(_blocks), _voxelCount, _blockBytes);
    }

    /// <summary>Every non-empty cell, block by block, x fastest inside a block.</summary>
    public VoxelEnumerator GetEnumerator() => new(_blocks, null);

    /// <summary>The non-empty cells inside <paramref name="region"/>, skipping blocks outside it whole.</summary>
    public VoxelEnumerator Within(VoxelBox region) => new(_blocks, region);

    /// <summary>A reader that caches the last block it touched; one per thread.</summary>
    public VolumeReader CreateReader() => new(this);

    private static VoxelBox LocalBounds(Block block)
    {
        var min = new Int3(Block.Mask, Block.Mask, Block.Mask);
        var max = new Int3(0, 0, 0);
        for (var i = block.NextVoxel(0, out _); i >= 0; i = block.NextVoxel(i + 1, out _))
        {
            var p = Block.Position(default, i);
            min = Int3.Min(min, p);
            max = Int3.Max(max, p);
        }
        return new VoxelBox(min, max);
    }

    /// <summary>Writes one cell of the block at <paramref name="key"/>: journal, counts, empty blocks dropped.</summary>
    private void Write(Int3 key, int index, uint value)
    {
        var block = value == 0 ? FindWritable(key) : GetOrCreateWritable(key);
        if (block is null) return;
        var bytes = block.MemoryBytes;
        var old = block.Exchange(index, value);
        if (old == value) return;
        _blockBytes += block.MemoryBytes - bytes;
        if (_history is not null && !_lastCovered) RecordCell(key, index, old);
        _voxelCount += (value != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
        if (block.VoxelCount == 0) RemoveBlock(key);
    }

    /// <summary>Writes <paramref name="count"/> consecutive cells of one block.</summary>
    private void FillRun(Int3 key, int index, int count, uint value)
    {
        var block = value == 0 ? FindWritable(key) : GetOrCreateWritable(key);
        if (block is null) return;
        if (_history is not null && !_lastCovered)
        {
            // The journal needs every old value: write cell by cell.
            for (var i = index; i < index + count; i++) Write(key, i, value);
            return;
        }
        var bytes = block.MemoryBytes;
        _voxelCount += block.Fill(index, count, value);
        _blockBytes += block.MemoryBytes - bytes;
        if (block.VoxelCount == 0) RemoveBlock(key);
    }

    private void ReplaceBlock(Int3 key, uint value) => ReplaceBlock(key, value == 0 ? null : new Block(_owner, value));

    /// <summary>Puts <paramref name="block"/> (null: none) in place of the block at <paramref name="key"/>, journaled as a whole.</summary>
    private void ReplaceBlock(Int3 key, Block? block)
    {
        var old = _blocks.GetValueOrDefault(key);
        RecordBlock(key, old);
        if (old is not null)
        {
            _blocks.Remove(key);
            _voxelCount -= old.VoxelCount;
            _blockBytes -= old.MemoryBytes;
        }
        _lastBlock = null;
        if (block is not null) AddBlock(key, block);
    }

    private void AddBlock(Int3 key, Block block)
    {
        _blocks[key] = block;
        _voxelCount += block.VoxelCount;
        _blockBytes += block.MemoryBytes;
    }

    private void RemoveBlock(Int3 key)
    {
        if (_blocks.Remove(key, out var removed)) _blockBytes -= removed.MemoryBytes;
        _lastBlock = null;
    }

    private Block? FindWritable(Int3 key)
    {
        if (_lastBlock is not null && _lastKey == key) return _lastBlock;
        return _blocks.TryGetValue(key, out var block) ? Writable(key, block) : null;
    }

    private Block GetOrCreateWritable(Int3 key)
    {
        if (_lastBlock is not null && _lastKey == key) return _lastBlock;
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_blocks, key, out var existed);
        if (!existed)
        {
            slot = new Block(_owner, 0);
            _blockBytes += slot.MemoryBytes;
            RecordBlock(key, null);
        }
        return Writable(key, slot!);
    }

    private Block Writable(Int3 key, Block block)
    {
        if (!ReferenceEquals(block.Owner, _owner))
        {
            block = block.CloneFor(_owner);
            _blocks[key] = block;
        }
        _lastKey = key;
        _lastBlock = block;
        _lastCovered = IsCovered(key);
        return block;
    }
}
