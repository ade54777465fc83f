using System.Runtime.CompilerServices;

namespace Goxel.Core;

/// <summary>
/// A double-ended sequence of structs kept in fixed chunks, addressed by positions that never
/// move: items are appended at <see cref="End"/>, dropped from <see cref="Start"/> (the oldest
/// undo steps) or cut back from the end (redo steps, an aborted edit). The undo history keeps
/// millions of small entries in a few long-lived arrays this way instead of objects per step,
/// so the garbage collector has little to mark or copy.
/// </summary>
internal sealed class ChunkedLog<T>
{
    // 1,024 items a chunk: 20-40 KiB for the history's structs, under the large object heap's
    // 85,000 bytes, and a whole chunk is freed at once when the oldest steps go.
    private const int Shift = 10;
    private const int Size = 1 << Shift;
    private const int Mask = Size - 1;

    private readonly List<T[]> _chunks = [];

    // Chunk number (position >> Shift) of _chunks[0].
    private long _firstChunk;

    /// <summary>Position of the oldest item kept.</summary>
    public long Start { get; private set; }

    /// <summary>Position after the newest item.</summary>
    public long End { get; private set; }

    /// <summary>The item at <paramref name="position"/> (Start ≤ position &lt; End), in place.</summary>
    public ref T this[long position]
    {
        // Inlined: every journaled edit reads its runs and cells back through here.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ref _chunks[(int)((position >> Shift) - _firstChunk)][position & Mask];
    }

    /// <summary>Appends an item at <see cref="End"/>.</summary>
    public void Add(in T item)
    {
        var chunk = (int)((End >> Shift) - _firstChunk);
        if (chunk == _chunks.Count) _chunks.Add(new T[Size]);
        _chunks[chunk][End & Mask] = item;
        End++;
    }

    /// <summary>Forgets the items before <paramref name="position"/>; chunks left empty are released.</summary>
    public void DropBefore(long position)
    {
        Clear(Start, position);
        Start = position;
        var drop = (int)((Start >> Shift) - _firstChunk);
        if (drop <= 0) return;
        _chunks.RemoveRange(0, drop);
        _firstChunk += drop;
    }

    /// <summary>Forgets the items from <paramref name="position"/> on; chunks left empty are released.</summary>
    public void TruncateTo(long position)
    {
        Clear(position, End);
        End = position;
        var keep = (int)Math.Max(0, ((End + Mask) >> Shift) - _firstChunk);
        if (keep < _chunks.Count) _chunks.RemoveRange(keep, _chunks.Count - keep);
    }

    /// <summary>Removes the items in [<paramref name="from"/>, <paramref name="to"/>), moving the later ones down.</summary>
    public void Remove(long from, long to)
    {
        if (from == to) return;
        for (long source = to, target = from; source < End; source++, target++) this[target] = this[source];
        TruncateTo(End - (to - from));
    }

    // Items holding references (blocks, layouts, volumes) must not keep them alive once forgotten.
    private void Clear(long from, long to)
    {
        if (!RuntimeHelpers.IsReferenceOrContainsReferences<T>()) return;
        for (var position = from; position < to; position++) this[position] = default!;
    }
}
