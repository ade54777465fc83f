namespace Goxel.Core;

/// <summary>
/// A 16^3 cube of cells. A block whose cells all hold one value keeps no cell array, so a
/// filled box costs a few bytes per block instead of 16 KiB. Blocks are shared between a
/// volume and its snapshots; <see cref="Owner"/> tells a volume whether it may write in place.
/// </summary>
public sealed class Block
{
    /// <summary>Cells along each axis.</summary>
    public const int Size = 16;

    /// <summary>log2(<see cref="Size"/>): block coordinate = cell coordinate &gt;&gt; Shift.</summary>
    public const int Shift = 4;

    /// <summary>Cell coordinate &amp; Mask = position inside the block.</summary>
    public const int Mask = Size - 1;

    /// <summary>Cells in one block.</summary>
    public const int CellCount = Size * Size * Size;

    private uint[]? _cells;
    private uint _uniform;

    internal Block(object owner, uint uniform)
    {
        Owner = owner;
        _uniform = uniform;
        VoxelCount = Rgba.FromPacked(uniform).IsEmpty ? 0 : CellCount;
    }

    private Block(object owner, Block source)
    {
        Owner = owner;
        _uniform = source._uniform;
        _cells = source._cells is null ? null : (uint[])source._cells.Clone();
        VoxelCount = source.VoxelCount;
    }

    /// <summary>The volume generation allowed to write this block in place.</summary>
    internal object Owner { get; }

    /// <summary>Number of non-empty cells.</summary>
    public int VoxelCount { get; private set; }

    /// <summary>True when every cell holds <see cref="UniformColor"/> and no array is kept.</summary>
    public bool IsUniform => _cells is null;

    /// <summary>The value of every cell of a uniform block.</summary>
    public Rgba UniformColor => Rgba.FromPacked(_uniform);

    /// <summary>The packed cells (x fastest, then y, then z); empty for a uniform block.</summary>
    public ReadOnlySpan<uint> Cells => _cells;

    /// <summary>Index of a local cell: x + 16 y + 256 z.</summary>
    public static int Index(int lx, int ly, int lz) => lx | (ly << Shift) | (lz << (2 * Shift));

    /// <summary>The packed colour of the cell at a local index.</summary>
    public uint PackedAt(int index) => _cells is null ? _uniform : _cells[index];

    /// <summary>The colour of a local cell.</summary>
    public Rgba this[int lx, int ly, int lz] => Rgba.FromPacked(PackedAt(Index(lx, ly, lz)));

    /// <summary>Writes all 4096 packed cells into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<uint> destination)
    {
        if (_cells is null) destination[..CellCount].Fill(_uniform);
        else _cells.CopyTo(destination);
    }

    internal Block CloneFor(object owner) => new(owner, this);

    /// <summary>Writes <paramref name="count"/> consecutive cells; returns the change in voxel count.</summary>
    internal int Fill(int index, int count, uint value)
    {
        if (_cells is null)
        {
            if (value == _uniform) return 0;
            _cells = new uint[CellCount];
            _cells.AsSpan().Fill(_uniform);
        }
        var run = _cells.AsSpan(index, count);
        var before = count - run.Count(0u);
        run.Fill(value);
        var delta = (value == 0 ? 0 : count) - before;
        VoxelCount += delta;
        return delta;
    }

    /// <summary>Writes one cell and returns the value it held.</summary>
    internal uint Exchange(int index, uint value)
    {
        if (_cells is null)
        {
            if (value == _uniform) return value;
            _cells = new uint[CellCount];
            _cells.AsSpan().Fill(_uniform);
        }
        var old = _cells[index];
        if (old == value) return old;
        _cells[index] = value;
        VoxelCount += (value != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
        return old;
    }
}
