using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// The cells of one block as the ray marcher reads them. The marcher is generic over this so
/// each form gets its own compiled loop: an array read for cells kept one per cell, the
/// block's own lookup for lists and palettes.
/// </summary>
internal interface ICellSource
{
    /// <summary>The packed colour at a local index (x + 16 y + 256 z).</summary>
    uint this[int index] { get; }
}

/// <summary>4096 cells in memory (a dense block, or layers merged for this render).</summary>
internal readonly ref struct SpanCells(ReadOnlySpan<uint> cells) : ICellSource
{
    private readonly ReadOnlySpan<uint> _cells = cells;

    public uint this[int index] => _cells[index];
}

/// <summary>A block kept as a list or a palette, read in place.</summary>
internal readonly struct BlockCells(Block block) : ICellSource
{
    public uint this[int index] => block.PackedAt(index);
}
