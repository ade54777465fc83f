namespace Goxel.Core;

/// <summary>
/// A read-only view of what the last commit, undo or redo changed, for the write-ahead journal:
/// the layout before it and, per touched layer, the places it wrote (<see cref="Places"/>).
/// One view per history, reused for every change: valid only until the next change of the project.
/// </summary>
public sealed class HistoryChange
{
    private readonly History _history;
    private long _firstRun, _endRun;

    internal HistoryChange(History history)
    {
        _history = history;
        Before = null!;
    }

    /// <summary>The layer list as it was before the change (a layer not in it is new to the project).</summary>
    public ProjectLayout Before { get; private set; }

    /// <summary>True when the project's layout is still <see cref="Before"/> (no layer came, went or changed: most edits).</summary>
    public bool LayoutKept { get; private set; }

    /// <summary>Where the change wrote in <paramref name="layer"/>; empty when it wrote nothing there.</summary>
    public ChangePlaces Places(Layer layer) => new(_history, layer.Volume, _firstRun, _endRun);

    /// <summary>
    /// True when the change wrote one cell and nothing else (most edits): the volume, the block's
    /// key and the cell's index in it (<see cref="Block.Index"/>). O(1), whatever the project's layers.
    /// </summary>
    public bool IsSingleCell(out Volume volume, out Int3 block, out int cell)
    {
        (volume, block, cell) = (null!, default, -1);
        if (_endRun - _firstRun != 1) return false;
        ref readonly var run = ref _history.RunAt(_firstRun);
        if (run.Count != 1) return false;
        ref readonly var written = ref _history.ChangeAt(run.First);
        if (written.Index < 0) return false;
        (volume, block, cell) = (run.Volume, written.Key, written.Index);
        return true;
    }

    internal void Show(ProjectLayout before, bool layoutKept, long firstRun, long endRun) =>
        (Before, LayoutKept, _firstRun, _endRun) = (before, layoutKept, firstRun, endRun);
}

/// <summary>
/// Where a change wrote in one volume, in order: a block key with a cell index inside it
/// (<see cref="Block.Index"/>), or with -1 when the block was created, replaced or removed as a
/// whole. A place may repeat. The volume holds what is there now. Enumerating allocates nothing.
/// </summary>
public readonly struct ChangePlaces
{
    private readonly History _history;
    private readonly Volume _volume;
    private readonly long _firstRun, _endRun;

    internal ChangePlaces(History history, Volume volume, long firstRun, long endRun) =>
        (_history, _volume, _firstRun, _endRun) = (history, volume, firstRun, endRun);

    /// <summary>True when the change wrote nothing in this volume.</summary>
    public bool IsEmpty
    {
        get
        {
            for (var r = _firstRun; r < _endRun; r++)
                if (ReferenceEquals(_history.RunAt(r).Volume, _volume)) return false;
            return true;
        }
    }

    /// <summary>Walks the places in the order they were written.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Walks the runs of the change that belong to this volume, entry by entry.</summary>
    public struct Enumerator
    {
        private readonly ChangePlaces _places;
        private long _run, _change, _end;

        internal Enumerator(ChangePlaces places)
        {
            _places = places;
            _run = places._firstRun - 1;
        }

        /// <summary>The current place: block key, and cell index or -1 for the whole block.</summary>
        public (Int3 Block, int Cell) Current { get; private set; }

        /// <summary>Moves to the next place; false after the last.</summary>
        public bool MoveNext()
        {
            while (_change >= _end)
            {
                if (++_run >= _places._endRun) return false;
                ref readonly var run = ref _places._history.RunAt(_run);
                if (!ReferenceEquals(run.Volume, _places._volume)) continue;
                (_change, _end) = (run.First, run.First + run.Count);
            }
            ref readonly var change = ref _places._history.ChangeAt(_change++);
            Current = (change.Key, change.Index);
            return true;
        }
    }
}
