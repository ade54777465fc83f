namespace Goxel.Core;

/// <summary>
/// How a <see cref="Block"/> stores its cells. Each block keeps the cheapest form for what it
/// holds and changes form as edits go; readers see cells, never the form.
/// </summary>
public enum BlockKind : byte
{
    /// <summary>Every cell holds one value; no cell storage at all.</summary>
    Uniform,

    /// <summary>A sorted list of the non-empty cells (index and colour); every other cell is empty.</summary>
    Sparse,

    /// <summary>Up to 256 colours and 1, 2, 4 or 8 bits per cell indexing them.</summary>
    Palette,

    /// <summary>One packed colour per cell (16 KiB).</summary>
    Dense,
}
