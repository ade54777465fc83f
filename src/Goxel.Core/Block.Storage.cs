using System.Runtime.InteropServices;

namespace Goxel.Core;

/// <summary>
/// Writes, and the choice of form. A write that does not fit the current form moves the block
/// up (uniform to list or palette, a full list to palette or dense, a full palette to more bits
/// or dense); a block that empties moves down to a list as soon as that costs under half of
/// what it keeps, and every 16,384 changed cells a palette or dense block is re-encoded in the
/// cheapest form (fewer palette bits, palette instead of dense, uniform). Each move is O(4096)
/// and follows many cheap writes, so writes stay O(1) amortised (a list insert moves at most
/// <see cref="MaxSparse"/> entries).
/// </summary>
public sealed partial class Block
{
    /// <summary>Most voxels a list holds; beyond it a palette or dense block is always cheaper or near.</summary>
    private const int MaxSparse = 2048;

    /// <summary>Changed cells of a palette or dense block between two looks for a cheaper form.</summary>
    private const int ReshapeEvery = 4 * CellCount;

    // Object header and method table (16) plus the fields above, rounded to 8.
    private const int ObjectBytes = 56;

    private const long DenseBytes = 24 + CellCount * sizeof(uint);

    /// <summary>Writes one cell and returns the value it held.</summary>
    internal uint Exchange(int index, uint value)
    {
        uint old;
        switch (Kind)
        {
            case BlockKind.Dense:
                old = _data![index];
                if (old == value) return old;
                _data[index] = value;
                break;
            case BlockKind.Palette:
                old = _palette![SlotAt(index)];
                if (old == value) return old;
                var slot = PaletteSlot(value);
                if (slot < 0) _data![index] = value;
                else SetSlot(index, slot);
                break;
            case BlockKind.Sparse:
                if (!TryExchangeSparse(index, value, out old))
                {
                    // A palette or dense block is cheaper from here on.
                    Reshape(extraColors: 1, allowSparse: false);
                    return Exchange(index, value);
                }
                if (old == value) return old;
                break;
            default:
                if (value == _uniform) return value;
                LeaveUniform();
                return Exchange(index, value);
        }
        var delta = (value != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
        VoxelCount += delta;
        Settle(1, delta);
        return old;
    }

    /// <summary>Writes <paramref name="count"/> consecutive cells; returns the change in voxel count.</summary>
    internal int Fill(int index, int count, uint value)
    {
        var before = VoxelCount;
        var end = index + count;
        // A run into an empty block (a shape, a box) would walk a list through many sizes: start
        // with a palette of empty, which the rest of the run (and the next runs) fill in one pass.
        if (Kind == BlockKind.Uniform && _uniform == 0 && value != 0 && count >= 4) BecomePalette(0);
        // Cell by cell while the block is uniform or a list, then the rest of the run in one pass.
        while (index < end && (Kind is BlockKind.Uniform or BlockKind.Sparse)) Exchange(index++, value);
        if (index == end) return VoxelCount - before;
        var runBefore = VoxelCount;
        if (Kind == BlockKind.Palette && PaletteSlot(value) is var slot and >= 0) FillPalette(index, end - index, slot);
        else FillDense(index, end - index, value);
        Settle(end - index, VoxelCount - runBefore);
        return VoxelCount - before;
    }

    private void FillDense(int index, int count, uint value)
    {
        var run = _data.AsSpan(index, count);
        var before = count - run.Count(0u);
        run.Fill(value);
        VoxelCount += (value == 0 ? 0 : count) - before;
    }

    private void FillPalette(int index, int count, int slot)
    {
        var mask = (1u << _bits) - 1;
        var filled = _palette![slot] != 0 ? 1 : 0;
        var delta = 0;
        for (var i = index; i < index + count; i++)
        {
            var bit = i * _bits;
            ref var word = ref _data![bit >> 5];
            var shift = bit & 31;
            var old = (word >> shift) & mask;
            if (old == slot) continue;
            delta += filled - (_palette[old] != 0 ? 1 : 0);
            word = (word & ~(mask << shift)) | ((uint)slot << shift);
        }
        VoxelCount += delta;
    }

    /// <summary>The palette slot of a colour, added if new; -1 when the block had to become dense for it.</summary>
    private int PaletteSlot(uint value)
    {
        var slot = _palette.AsSpan(0, _count).IndexOf(value);
        if (slot >= 0) return slot;
        if (_count == _palette!.Length)
        {
            Reshape(extraColors: 1, allowSparse: false);
            if (Kind == BlockKind.Dense) return -1;
        }
        _palette![_count] = value;
        return _count++;
    }

    private void SetSlot(int index, int slot)
    {
        var bit = index * _bits;
        ref var word = ref _data![bit >> 5];
        var shift = bit & 31;
        word = (word & ~(((1u << _bits) - 1) << shift)) | ((uint)slot << shift);
    }

    /// <summary>Writes a cell of a list; false when a new entry does not fit and the list should give way.</summary>
    private bool TryExchangeSparse(int index, uint value, out uint old)
    {
        // Cells written in index order (a row, a box, a file) append: no search needed.
        var at = _count == 0 || index > SparseIndices[_count - 1] ? ~_count : SparseFind(index);
        if (at >= 0)
        {
            var colors = SparseColors;
            old = colors[at];
            if (value != 0)
            {
                colors[at] = value;
                return true;
            }
            var indices = SparseIndices;
            var after = _count - at - 1;
            indices.Slice(at + 1, after).CopyTo(indices[at..]);
            colors.Slice(at + 1, after).CopyTo(colors[at..]);
            if (--_count == 0) BecomeUniform(0);
            else if (_count < indices.Length / 2 && indices.Length > 8) ResizeSparse(_count + _count / 8);
            return true;
        }
        old = 0;
        if (value == 0) return true;
        if (_count == SparseIndices.Length && !GrowSparse()) return false;
        at = ~at;
        var moved = _count - at;
        var list = SparseIndices;
        list.Slice(at, moved).CopyTo(list[(at + 1)..]);
        list[at] = (ushort)index;
        var values = SparseColors;
        values.Slice(at, moved).CopyTo(values[(at + 1)..]);
        values[at] = value;
        _count++;
        return true;
    }

    /// <summary>Makes room for about an eighth more entries; false when the list should give way.</summary>
    private bool GrowSparse()
    {
        var entries = _count + 1;
        if (entries > MaxSparse) return false;
        // Below a 1-bit palette's size no count is needed; above, compare with the palette the
        // colours need (the listed ones, empty, and perhaps the one being written). Once they
        // pass a palette's 256, only dense is left, which a list undercuts up to MaxSparse.
        if (SparseBytes(entries) > PaletteBytes(1) && !_manyColors)
        {
            var colors = CountColors(SparseColors[.._count], MaxPalette) + 2;
            _manyColors = colors > MaxPalette;
            if (!_manyColors && SparseBytes(entries) > CheapestFilled(colors)) return false;
        }
        ResizeSparse(Math.Min(MaxSparse, _count + Math.Max(2, _count / 8)));
        return true;
    }

    /// <summary>Moves the list to an array for <paramref name="capacity"/> entries (grown, or shrunk when half empty).</summary>
    private void ResizeSparse(int capacity)
    {
        var resized = new uint[SparseWords(Math.Max(4, capacity))];
        SparseIndices[.._count].CopyTo(MemoryMarshal.Cast<uint, ushort>(resized.AsSpan(0, resized.Length / 3)));
        SparseColors[.._count].CopyTo(resized.AsSpan(resized.Length / 3));
        _data = resized;
    }

    /// <summary>
    /// After a write that changed the voxel count by <paramref name="delta"/>: moves down to a list
    /// when the voxels left are few, re-encodes a block just filled, and now and then any other.
    /// </summary>
    private void Settle(int writes, int delta)
    {
        if (Kind is not (BlockKind.Palette or BlockKind.Dense)) return;
        if (delta < 0 && VoxelCount <= MaxSparse && 2 * SparseBytes(VoxelCount) < StorageBytes)
        {
            Reshape(extraColors: 0, allowSparse: true);
            return;
        }
        // Just filled: empty is gone, and re-encoding may make the block uniform, narrow its
        // indices (a solid of 16 colours: 8 bits per cell to 4) or turn dense into a palette. At
        // most once per CellCount / 4 writes, so refilling one cell again and again stays cheap.
        if (delta > 0 && VoxelCount == CellCount && (Kind == BlockKind.Dense || _palette.AsSpan(0, _count).Contains(0u)))
        {
            // Two colours, one of them empty and unused: every cell holds the other.
            if (Kind == BlockKind.Palette && _count == 2)
            {
                BecomeUniform(_palette![0] | _palette[1]);
                return;
            }
            if (_writes >= CellCount / 4)
            {
                Reshape(extraColors: 0, allowSparse: false);
                return;
            }
        }
        _writes = (ushort)(_writes + writes);
        if (_writes < ReshapeEvery) return;
        _writes = 0;
        Reshape(extraColors: 0, allowSparse: true);
    }

    private void LeaveUniform()
    {
        if (_uniform == 0)
        {
            Kind = BlockKind.Sparse;
            _data = new uint[SparseWords(4)];
            _count = 0;
            _manyColors = false;
            return;
        }
        BecomePalette(_uniform);
    }

    /// <summary>A 1-bit palette block whose every cell holds <paramref name="value"/>.</summary>
    private void BecomePalette(uint value)
    {
        Kind = BlockKind.Palette;
        _bits = 1;
        _palette = [value, 0];
        _count = 1;
        _data = new uint[CellCount / 32];
        _writes = 0;
    }

    /// <summary>
    /// Re-encodes the cells in the cheapest form that leaves room for <paramref name="extraColors"/>
    /// new colours (and, with a quarter of the colours as headroom, does not have to grow again soon).
    /// </summary>
    private void Reshape(int extraColors, bool allowSparse)
    {
        Span<uint> cells = stackalloc uint[CellCount];
        CopyTo(cells);
        Encode(cells, extraColors, allowSparse);
    }

    /// <summary>
    /// A block holding <paramref name="cells"/> (all 4096, <paramref name="voxelCount"/> of them
    /// non-empty) in the cheapest form, built once: a batch that writes many cells of a block
    /// fills an array and encodes it, instead of moving the block through every form on the way.
    /// </summary>
    internal static Block FromCells(object owner, ReadOnlySpan<uint> cells, int voxelCount)
    {
        var block = new Block(owner, 0) { VoxelCount = voxelCount };
        block.Encode(cells, extraColors: 0, allowSparse: true);
        return block;
    }

    /// <summary>Stores <paramref name="cells"/> (this block's voxels) in the cheapest form; see <see cref="Reshape"/>.</summary>
    private void Encode(ReadOnlySpan<uint> cells, int extraColors, bool allowSparse)
    {
        // One pass counts the colours and gives every cell its palette slot, which a palette
        // then packs without looking colours up again.
        Span<byte> slots = stackalloc byte[CellCount];
        Span<uint> found = stackalloc uint[MaxPalette];
        var colors = Slots(cells, slots, found);
        if (extraColors == 0 && colors == 1)
        {
            BecomeUniform(cells[0]);
            return;
        }
        var needed = colors + extraColors;
        // Room for a quarter more when growing, so a palette filling up is not rebuilt per colour.
        var bits = needed > MaxPalette ? 0
            : extraColors == 0 ? PaletteBitsFor(needed)
            : Math.Max(PaletteBitsFor(needed + needed / 4), PaletteBitsFor(needed));
        var palette = bits == 0 ? long.MaxValue : PaletteBytes(bits);
        var sparse = allowSparse && VoxelCount <= MaxSparse ? SparseBytes(VoxelCount) : long.MaxValue;
        if (sparse <= palette && sparse < DenseBytes) EncodeSparse(cells);
        else if (palette < DenseBytes) EncodePalette(slots, found[..colors], bits);
        else if (Kind != BlockKind.Dense) EncodeDense(cells);
        _writes = 0;
    }

    private void BecomeUniform(uint value)
    {
        Kind = BlockKind.Uniform;
        _uniform = value;
        _data = null;
        _palette = null;
        _count = 0;
    }

    private void EncodeSparse(ReadOnlySpan<uint> cells)
    {
        var capacity = Math.Min(MaxSparse, Math.Max(4, VoxelCount + VoxelCount / 8));
        _data = new uint[SparseWords(capacity)];
        _palette = null;
        _manyColors = false;
        Kind = BlockKind.Sparse;
        var indices = SparseIndices;
        var colors = SparseColors;
        var n = 0;
        for (var i = 0; i < CellCount; i++)
        {
            if (cells[i] == 0) continue;
            indices[n] = (ushort)i;
            colors[n++] = cells[i];
        }
        _count = (ushort)n;
    }

    private void EncodePalette(ReadOnlySpan<byte> slots, ReadOnlySpan<uint> colors, int bits)
    {
        var palette = new uint[1 << bits];
        colors.CopyTo(palette);
        var data = new uint[CellCount * bits / 32];
        var perWord = 32 / bits;
        for (int w = 0, i = 0; w < data.Length; w++)
        {
            uint word = 0;
            for (var k = 0; k < perWord; k++) word |= (uint)slots[i++] << (k * bits);
            data[w] = word;
        }
        Kind = BlockKind.Palette;
        _bits = (byte)bits;
        _palette = palette;
        _data = data;
        _count = (ushort)colors.Length;
    }

    /// <summary>
    /// Numbers the distinct values of <paramref name="cells"/> (empty included) in order of first
    /// appearance into <paramref name="colors"/> and each cell's number into <paramref name="slots"/>;
    /// returns how many, stopping at <see cref="MaxPalette"/> + 1 (the slots are then incomplete).
    /// </summary>
    private static int Slots(ReadOnlySpan<uint> cells, Span<byte> slots, Span<uint> colors)
    {
        // Open addressing from colour to slot; a table four times the palette keeps probes short.
        Span<uint> keys = stackalloc uint[4 * MaxPalette];
        Span<byte> keySlots = stackalloc byte[4 * MaxPalette];
        keys.Clear();
        var count = 0;
        var emptySlot = -1;
        for (var i = 0; i < CellCount; i++)
        {
            var value = cells[i];
            int slot;
            if (value == 0)
            {
                if (emptySlot < 0)
                {
                    if (count == MaxPalette) return count + 1;
                    colors[emptySlot = count++] = 0;
                }
                slot = emptySlot;
            }
            else
            {
                var h = Probe(keys, value);
                if (keys[h] == 0)
                {
                    if (count == MaxPalette) return count + 1;
                    keys[h] = value;
                    keySlots[h] = (byte)count;
                    colors[count++] = value;
                }
                slot = keySlots[h];
            }
            slots[i] = (byte)slot;
        }
        return count;
    }

    private void EncodeDense(ReadOnlySpan<uint> cells)
    {
        Kind = BlockKind.Dense;
        _data = cells.ToArray();
        _palette = null;
        _count = 0;
    }

    /// <summary>Most colours a palette holds (8 bits per cell).</summary>
    private const int MaxPalette = 256;

    /// <summary>Distinct values (empty included), counting stops past <paramref name="limit"/>.</summary>
    private static int CountColors(ReadOnlySpan<uint> values, int limit)
    {
        Span<uint> keys = stackalloc uint[4 * MaxPalette];
        keys.Clear();
        var count = 0;
        var empty = false;
        foreach (var value in values)
        {
            if (value == 0)
            {
                if (empty) continue;
                empty = true;
            }
            else
            {
                var h = Probe(keys, value);
                if (keys[h] != 0) continue;
                keys[h] = value;
            }
            if (++count > limit) break;
        }
        return count;
    }

    /// <summary>The slot holding <paramref name="value"/> in an open-addressing table, or the free slot for it.</summary>
    private static int Probe(Span<uint> keys, uint value)
    {
        var h = (int)((value * 0x9E3779B1u) >> 22);
        while (keys[h] != 0 && keys[h] != value) h = (h + 1) & (keys.Length - 1);
        return h;
    }

    private static int PaletteBitsFor(int colors) => colors <= 2 ? 1 : colors <= 4 ? 2 : colors <= 16 ? 4 : colors <= MaxPalette ? 8 : 0;

    /// <summary>Bytes of the cheapest palette or dense block for <paramref name="colors"/> colours.</summary>
    private static long CheapestFilled(int colors) => PaletteBitsFor(colors) is var bits and > 0 ? PaletteBytes(bits) : DenseBytes;

    private static long PaletteBytes(int bits) => ArrayBytes(CellCount * bits / 32) + ArrayBytes(1 << bits);

    private static int SparseWords(int capacity) => (capacity + 1) / 2 * 3;

    private static long SparseBytes(int entries) => ArrayBytes(SparseWords(entries));

    private long StorageBytes => ArrayBytes(_data) + ArrayBytes(_palette);

    private static long ArrayBytes(uint[]? array) => array is null ? 0 : ArrayBytes(array.Length);

    // Array header and length (24), elements rounded to 8.
    private static long ArrayBytes(int words) => 24 + ((4L * words + 7) & ~7L);
}
