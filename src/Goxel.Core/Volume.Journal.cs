namespace Goxel.Core;

public sealed partial class Volume
{
    // While an undo step is open, every change is appended to _journal: old cell values, or
    // whole blocks where a block was created, replaced or cleared. Keys in _covered have a
    // block-level entry in this step, so later writes to them need no cell entries.
    private bool _journaling;
    private List<JournalEntry>? _journal;
    private HashSet<Int3>? _covered;
    private bool _lastCovered;

    /// <summary>
    /// Opens an undo step: from now on the volume records what each write replaces. O(1); a
    /// one-voxel edit records one cell, a new block one entry, so history stays small.
    /// </summary>
    public void BeginJournal()
    {
        _journaling = true;
        _journal = null;
        _covered = null;
        _lastBlock = null;
    }

    /// <summary>Closes the undo step; returns what it changed, or null if nothing changed.</summary>
    public VolumeJournal? EndJournal()
    {
        _journaling = false;
        var journal = _journal;
        _journal = null;
        _covered = null;
        _lastBlock = null;
        return journal is null ? null : new VolumeJournal(journal);
    }

    /// <summary>Reverts a closed step; the journal then holds what undo replaced, for <see cref="Redo"/>.</summary>
    public void Undo(VolumeJournal journal)
    {
        for (var i = journal.Entries.Length - 1; i >= 0; i--) Exchange(ref journal.Entries[i]);
    }

    /// <summary>Re-applies a step that <see cref="Undo"/> reverted.</summary>
    public void Redo(VolumeJournal journal)
    {
        for (var i = 0; i < journal.Entries.Length; i++) Exchange(ref journal.Entries[i]);
    }

    private bool IsCovered(Int3 key) => _covered is not null && _covered.Contains(key);

    private void RecordCell(Int3 key, int index, uint old) =>
        (_journal ??= []).Add(new JournalEntry(key, index, old, null));

    /// <summary>Records a block (or its absence) about to be replaced as a whole.</summary>
    private void RecordBlock(Int3 key, Block? block)
    {
        if (!_journaling || !(_covered ??= []).Add(key)) return;
        (_journal ??= []).Add(new JournalEntry(key, -1, 0, block));
        if (_lastKey == key) _lastCovered = true;
    }

    /// <summary>Puts the entry's state in place and keeps the state it replaced in the entry.</summary>
    private void Exchange(ref JournalEntry entry)
    {
        _lastBlock = null;
        if (entry.Index < 0)
        {
            var current = _blocks.GetValueOrDefault(entry.Key);
            if (current is not null)
            {
                _voxelCount -= current.VoxelCount;
                RemoveBlock(entry.Key);
            }
            if (entry.Block is { } restored) AddBlock(entry.Key, restored);
            entry = entry with { Block = current };
            return;
        }
        var block = entry.Value == 0 ? FindWritable(entry.Key) : GetOrCreateWritable(entry.Key);
        uint old = 0;
        if (block is not null)
        {
            var bytes = block.MemoryBytes;
            old = block.Exchange(entry.Index, entry.Value);
            _blockBytes += block.MemoryBytes - bytes;
            _voxelCount += (entry.Value != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
            if (block.VoxelCount == 0) RemoveBlock(entry.Key);
        }
        entry = entry with { Value = old };
    }
}

/// <summary>One change in a <see cref="VolumeJournal"/>: a cell's value (Index ≥ 0) or a whole block (Index -1).</summary>
internal readonly record struct JournalEntry(Int3 Key, int Index, uint Value, Block? Block);

/// <summary>
/// What one undo step changed in a volume, as it was on the other side of the step: before it
/// (in the undo list) or after it (in the redo list).
/// </summary>
public sealed class VolumeJournal
{
    internal VolumeJournal(List<JournalEntry> entries) => Entries = [.. entries];

    internal JournalEntry[] Entries { get; }

    /// <summary>
    /// Where the step wrote, in order: a block key with a cell index inside it
    /// (<see cref="Block.Index"/>), or with -1 when the block was created, replaced or removed
    /// as a whole. A place may repeat. The volume holds what is there now.
    /// </summary>
    public IEnumerable<(Int3 Block, int Cell)> Places => Entries.Select(e => (e.Key, e.Index));

    /// <summary>Approximate bytes this journal keeps alive.</summary>
    public long MemoryBytes => Entries.Length * 32L + Entries.Sum(e => e.Block?.MemoryBytes ?? 0L);
}
