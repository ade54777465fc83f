using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Goxel.Core;

/// <summary>
/// A 16^3 cube of cells. A block keeps the cheapest of four forms for what it holds
/// (<see cref="BlockKind"/>): one value for every cell, a short list of voxels, a small palette
/// with packed indices, or one colour per cell; edits change the form as they go (Block.Storage.cs).
/// Blocks are shared between a volume and its snapshots; <see cref="Owner"/> tells a volume
/// whether it may write in place.
/// </summary>
public sealed partial class Block
{
    /// <summary>Cells along each axis.</summary>
    public const int Size = 16;

    /// <summary>log2(<see cref="Size"/>): block coordinate = cell coordinate &gt;&gt; Shift.</summary>
    public const int Shift = 4;

    /// <summary>Cell coordinate &amp; Mask = position inside the block.</summary>
    public const int Mask = Size - 1;

    /// <summary>Cells in one block.</summary>
    public const int CellCount = Size * Size * Size;

    // The cells, by Kind:
    //   Uniform  _uniform alone.
    //   Sparse   _data: C/2 words holding C ushort cell indices (sorted, _count in use), then C
    //            colours; cells not listed are empty.
    //   Palette  _palette: 2^_bits colours (_count in use); _data: one _bits-bit index per cell,
    //            packed so that none straddles a word.
    //   Dense    _data: one colour per cell.
    private uint[]? _data;
    private uint[]? _palette;
    private uint _uniform;
    private ushort _count;
    private ushort _writes;
    private byte _bits;

    // A list found holding more colours than a palette takes: it need not count them again.
    private bool _manyColors;

    internal Block(object owner, uint uniform)
    {
        Owner = owner;
        _uniform = uniform;
        VoxelCount = Rgba.FromPacked(uniform).IsEmpty ? 0 : CellCount;
    }

    private Block(object owner, Block source)
    {
        Owner = owner;
        Kind = source.Kind;
        _uniform = source._uniform;
        _data = source._data is null ? null : (uint[])source._data.Clone();
        _palette = source._palette is null ? null : (uint[])source._palette.Clone();
        _count = source._count;
        _bits = source._bits;
        _manyColors = source._manyColors;
        VoxelCount = source.VoxelCount;
    }

    /// <summary>The volume generation allowed to write this block in place.</summary>
    internal object Owner { get; }

    /// <summary>Number of non-empty cells.</summary>
    public int VoxelCount { get; private set; }

    /// <summary>How the cells are stored now (for statistics; reads do not depend on it).</summary>
    public BlockKind Kind { get; private set; }

    /// <summary>True when every cell holds <see cref="UniformColor"/> and no cell storage is kept.</summary>
    public bool IsUniform => Kind == BlockKind.Uniform;

    /// <summary>The value of every cell of a uniform block.</summary>
    public Rgba UniformColor => Rgba.FromPacked(_uniform);

    /// <summary>Approximate heap bytes of this block: the object and its arrays.</summary>
    public long MemoryBytes => ObjectBytes + ArrayBytes(_data) + ArrayBytes(_palette);

    /// <summary>Index of a local cell: x + 16 y + 256 z.</summary>
    public static int Index(int lx, int ly, int lz) => lx | (ly << Shift) | (lz << (2 * Shift));

    /// <summary>The position of cell <paramref name="index"/> of a block whose first cell is at <paramref name="origin"/> (the inverse of <see cref="Index"/>).</summary>
    public static Int3 Position(Int3 origin, int index) =>
        new(origin.X + (index & Mask), origin.Y + ((index >> Shift) & Mask), origin.Z + (index >> (2 * Shift)));

    /// <summary>
    /// The 4096 packed cells (x fastest, then y, then z) when the block keeps one colour per cell;
    /// false for the other forms, which <see cref="PackedAt"/> and <see cref="CopyTo"/> read.
    /// </summary>
    public bool TryGetDenseCells(out ReadOnlySpan<uint> cells)
    {
        cells = Kind == BlockKind.Dense ? _data : default;
        return Kind == BlockKind.Dense;
    }

    /// <summary>The packed colour of the cell at a local index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint PackedAt(int index)
    {
        switch (Kind)
        {
            case BlockKind.Dense:
                return _data![index];
            case BlockKind.Palette:
                return _palette![SlotAt(index)];
            case BlockKind.Sparse:
                var at = SparseFind(index);
                return at >= 0 ? SparseColors[at] : 0;
            default:
                return _uniform;
        }
    }

    /// <summary>The colour of a local cell.</summary>
    public Rgba this[int lx, int ly, int lz] => Rgba.FromPacked(PackedAt(Index(lx, ly, lz)));

    /// <summary>Writes all 4096 packed cells into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<uint> destination)
    {
        destination = destination[..CellCount];
        switch (Kind)
        {
            case BlockKind.Dense:
                _data.CopyTo(destination);
                break;
            case BlockKind.Palette:
                var perWord = 32 / _bits;
                var mask = (1u << _bits) - 1;
                var palette = _palette!;
                for (int w = 0, i = 0; i < CellCount; w++)
                {
                    var word = _data![w];
                    for (var k = 0; k < perWord; k++, word >>= _bits) destination[i++] = palette[word & mask];
                }
                break;
            case BlockKind.Sparse:
                destination.Clear();
                var indices = SparseIndices;
                var colors = SparseColors;
                for (var k = 0; k < _count; k++) destination[indices[k]] = colors[k];
                break;
            default:
                destination.Fill(_uniform);
                break;
        }
    }

    /// <summary>
    /// The first non-empty cell at or after local index <paramref name="from"/>, or -1, with its
    /// packed colour: walks the voxels of a block without reading its empty cells (a list form
    /// visits only its entries).
    /// </summary>
    public int NextVoxel(int from, out uint value)
    {
        switch (Kind)
        {
            case BlockKind.Sparse:
                var at = SparseFind(from);
                if (at < 0) at = ~at;
                if (at < _count)
                {
                    value = SparseColors[at];
                    return SparseIndices[at];
                }
                break;
            case BlockKind.Dense:
                var skip = _data.AsSpan(from).IndexOfAnyExcept(0u);
                if (skip >= 0)
                {
                    value = _data![from + skip];
                    return from + skip;
                }
                break;
            case BlockKind.Palette:
                for (var i = from; i < CellCount; i++)
                {
                    value = _palette![SlotAt(i)];
                    if (value != 0) return i;
                }
                break;
            default:
                if (_uniform != 0 && from < CellCount)
                {
                    value = _uniform;
                    return from;
                }
                break;
        }
        value = 0;
        return -1;
    }

    internal Block CloneFor(object owner) => new(owner, this);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint SlotAt(int index)
    {
        var bit = index * _bits;
        return (_data![bit >> 5] >> (bit & 31)) & ((1u << _bits) - 1);
    }

    private Span<ushort> SparseIndices => MemoryMarshal.Cast<uint, ushort>(_data.AsSpan(0, _data!.Length / 3));

    private Span<uint> SparseColors => _data.AsSpan(_data!.Length / 3);

    private int SparseFind(int index) => SparseIndices[.._count].BinarySearch((ushort)index);
}
