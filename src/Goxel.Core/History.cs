namespace Goxel.Core;

/// <summary>
/// Undo and redo for one project. An edit runs between <see cref="Begin"/> and
/// <see cref="Commit"/> (or <see cref="Abort"/>, which puts everything back: edits are
/// atomic). A step remembers the old values of the cells the edit changed (or whole blocks
/// where it created or replaced blocks) and the layer list, so opening one is O(number of
/// layers) and a one-voxel edit costs one small entry. Steps are
/// dropped oldest first when their memory passes the budget.
/// </summary>
public sealed class History
{
    private readonly LinkedList<HistoryStep> _undo = new();
    private readonly Stack<HistoryStep> _redo = new();
    private HistoryStep? _open;
    private long _bytes;

    /// <summary>Most bytes the steps may keep alive; 0 turns history off.</summary>
    public long BudgetBytes { get; set; } = 256L << 20;

    /// <summary>Steps that can be undone.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>Steps that can be redone.</summary>
    public int RedoCount => _redo.Count;

    /// <summary>Approximate bytes the steps keep alive.</summary>
    public long MemoryBytes => _bytes;

    /// <summary>Opens a step before an edit of <paramref name="project"/>.</summary>
    public void Begin(Project project)
    {
        if (_open is not null) throw new InvalidOperationException("an edit is already open");
        _open = new HistoryStep(project.CaptureLayout());
        foreach (var layer in project.Layers) layer.Volume.BeginJournal();
    }

    /// <summary>
    /// Closes the step; true when the edit changed anything (it can then be undone). A non-empty
    /// step is first shown to <paramref name="persist"/> (the journal); if that throws, the edit
    /// is rolled back and the exception goes on.
    /// </summary>
    public bool Commit(Project project, Action<HistoryChange>? persist = null)
    {
        var step = Close(project);
        if (step.IsEmpty(project)) return false;
        if (persist is not null)
        {
            try
            {
                persist(step.View);
            }
            catch
            {
                step.Apply(project, undo: true);
                throw;
            }
        }
        _redo.Clear();
        project.MarkChanged();
        if (BudgetBytes <= 0) return true;
        step.Measure();
        _undo.AddLast(step);
        _bytes += step.MemoryBytes;
        while (_bytes > BudgetBytes && _undo.First is { } oldest)
        {
            _bytes -= oldest.Value.MemoryBytes;
            _undo.RemoveFirst();
        }
        return true;
    }

    /// <summary>Closes the step and puts the project back as it was when it opened.</summary>
    public void Abort(Project project) => Close(project).Apply(project, undo: true);

    /// <summary>
    /// Reverts the last step; false when there is none. What it changed is shown to
    /// <paramref name="persist"/>; if that throws, the step is re-applied and stays undoable.
    /// </summary>
    public bool Undo(Project project, Action<HistoryChange>? persist = null)
    {
        if (_undo.Last is not { } last) return false;
        var step = last.Value;
        step.Apply(project, undo: true);
        Persist(project, step, persist, undo: true);
        project.MarkChanged();
        _undo.RemoveLast();
        _bytes -= step.MemoryBytes;
        _redo.Push(step);
        return true;
    }

    /// <summary>
    /// Re-applies the last undone step; false when there is none. What it changed is shown to
    /// <paramref name="persist"/>; if that throws, the step is reverted again and stays redoable.
    /// </summary>
    public bool Redo(Project project, Action<HistoryChange>? persist = null)
    {
        if (!_redo.TryPeek(out var step)) return false;
        step.Apply(project, undo: false);
        Persist(project, step, persist, undo: false);
        project.MarkChanged();
        _redo.Pop();
        _undo.AddLast(step);
        _bytes += step.MemoryBytes;
        return true;
    }

    /// <summary>Shows an applied undo or redo to the journal; on failure applies it backwards and rethrows.</summary>
    private static void Persist(Project project, HistoryStep step, Action<HistoryChange>? persist, bool undo)
    {
        if (persist is null) return;
        try
        {
            persist(step.View);
        }
        catch
        {
            step.Apply(project, undo: !undo);
            throw;
        }
    }

    private HistoryStep Close(Project project)
    {
        var step = _open ?? throw new InvalidOperationException("no edit is open");
        _open = null;
        // Layers from before the step (some may be gone now) and now (some may be new). A layer in
        // both lists hands over its journal once: the second EndJournal finds none.
        foreach (var entry in step.Layout.Layers) Collect(step, entry.Layer);
        foreach (var layer in project.Layers) Collect(step, layer);
        return step;
    }

    private static void Collect(HistoryStep step, Layer layer)
    {
        if (layer.Volume.EndJournal() is { } journal) step.Journals[layer] = journal;
    }
}

/// <summary>
/// A read-only view of what the last commit, undo or redo changed, for the write-ahead journal:
/// the layout before it and, per touched layer, the places it wrote (<see cref="VolumeJournal.Places"/>).
/// Valid only until the next change of the project.
/// </summary>
public sealed class HistoryChange
{
    private readonly HistoryStep _step;

    internal HistoryChange(HistoryStep step) => _step = step;

    /// <summary>The layer list as it was before the change (a layer not in it is new to the project).</summary>
    public ProjectLayout Before => _step.Layout;

    /// <summary>The layers whose cells the change wrote, with where.</summary>
    public IReadOnlyDictionary<Layer, VolumeJournal> Volumes => _step.Journals;
}

/// <summary>One undo step: the layout on its other side and what it changed per layer.</summary>
internal sealed class HistoryStep
{
    public HistoryStep(ProjectLayout layout)
    {
        Layout = layout;
        View = new HistoryChange(this);
    }

    // The layer list on the other side of this step; applying the step swaps it in.
    public ProjectLayout Layout { get; private set; }

    public Dictionary<Layer, VolumeJournal> Journals { get; } = [];

    public HistoryChange View { get; }

    public long MemoryBytes { get; private set; }

    public void Measure() => MemoryBytes = 256 + Journals.Values.Sum(j => j.MemoryBytes);

    public bool IsEmpty(Project project) => Journals.Count == 0 && Layout.Matches(project);

    public void Apply(Project project, bool undo)
    {
        foreach (var (layer, journal) in Journals)
            if (undo) layer.Volume.Undo(journal);
            else layer.Volume.Redo(journal);
        var current = project.CaptureLayout();
        project.RestoreLayout(Layout);
        Layout = current;
    }
}
