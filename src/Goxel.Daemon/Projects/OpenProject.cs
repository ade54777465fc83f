using Goxel.Core;
using Goxel.Daemon.Storage;

namespace Goxel.Daemon.Projects;

/// <summary>
/// A project held by the daemon. Edits and reads of the live document take <see cref="Gate"/>
/// for their whole duration, so each project has one writer at a time and edits apply in
/// arrival order; long readers (renders, exports) take a snapshot under the gate and work on
/// it outside. With storage on, every committed change goes to its journal (<see cref="Log"/>),
/// and an idle project may be unloaded from memory and read back the next time it is named.
/// </summary>
public sealed class OpenProject
{
    private readonly ProjectVault? _vault;
    private Project? _project;
    private long _memoryBytes;
    private int _waiting;

    // The change counter and time of an unloaded document, given back to it when it is read back.
    private long _unloadedVersion;
    private DateTime _unloadedLastChange;

    /// <summary>A project in memory; with <paramref name="vault"/> and <paramref name="log"/>, journaled.</summary>
    public OpenProject(string id, Project project, ProjectVault? vault = null, ProjectLog? log = null)
    {
        Id = id;
        _project = project;
        _vault = vault;
        Log = log;
        if (vault is not null && log is not null) Journal = change => vault.Append(log, _project!, change);
        Touch();
    }

    /// <summary>The id clients name it by.</summary>
    public string Id { get; }

    /// <summary>
    /// The live document; touch only while holding <see cref="Gate"/>. An unloaded project is
    /// read back from its snapshot here, transparently.
    /// </summary>
    public Project Project
    {
        get
        {
            if (_project is { } loaded) return loaded;
            loaded = _vault!.LoadBack(Log!);
            loaded.History.BudgetBytes = UndoBudget;
            loaded.Version = _unloadedVersion;
            loaded.LastChange = _unloadedLastChange;
            _project = loaded;
            LoadedBack?.Invoke();
            return loaded;
        }
        set => _project = value;
    }

    /// <summary>Serialises access to <see cref="Project"/>, first come first served.</summary>
    public ProjectGate Gate { get; } = new();

    /// <summary>Requests waiting for <see cref="Gate"/> right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Takes <see cref="Gate"/> for a request: at once when free, else in line (<see cref="JoinQueue"/>)
    /// until <paramref name="deadline"/>, then <see cref="WorkTimeoutException"/>. The caller exits the gate.
    /// </summary>
    public void Enter(WorkDeadline deadline, int queueLimit)
    {
        if (Gate.TryEnter()) return;
        JoinQueue(queueLimit);
        try
        {
            if (!Gate.TryEnter(deadline.Remaining)) throw new WorkTimeoutException(deadline);
        }
        finally
        {
            LeaveQueue();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for a request holding the project, waiting in its line when it
    /// is busy (<see cref="ProjectGate.TryRun"/>: the request leaving the project may run it on its
    /// thread). Counts in <see cref="Waiting"/> meanwhile (refused past <paramref name="queueLimit"/>);
    /// <see cref="WorkTimeoutException"/> at <paramref name="deadline"/>; false when
    /// <paramref name="giveUp"/>, asked on joining the line and at every <see cref="ProjectGate.Alert"/>,
    /// said to stop waiting first. On an event loop, a project held by anything but loops' quick
    /// work is not waited for: the request is deferred (<see cref="ProjectGate.TryRun"/>).
    /// </summary>
    public bool RunInLine(Action work, WorkDeadline deadline, int queueLimit, Func<bool>? giveUp = null)
    {
        JoinQueue(queueLimit);
        var me = Environment.CurrentManagedThreadId;
        (GroupCommit?, long) owed = default;
        try
        {
            var ran = Gate.TryRun(() =>
            {
                if (Environment.CurrentManagedThreadId == me)
                {
                    work();
                    return;
                }
                // Run by another thread: what its journal appends must wait for (storage.fsync
                // always) is this request's to wait for before it answers.
                var before = GroupCommit.Pending;
                try
                {
                    work();
                }
                finally
                {
                    if (GroupCommit.Pending != before) owed = GroupCommit.Pending;
                }
            }, deadline.Remaining, giveUp ?? (static () => false));
            if (!ran && deadline.Passed) throw new WorkTimeoutException(deadline);
            return ran;
        }
        catch (Protocol.RequestDeferredException) when (giveUp?.Invoke() == true)
        {
            // Not waited for on an event loop, but what the caller waits for instead is there.
            return false;
        }
        finally
        {
            GroupCommit.Owe(owed);
            LeaveQueue();
        }
    }

    /// <summary>
    /// Counts a request as waiting for <see cref="Gate"/>; when <paramref name="queueLimit"/> are
    /// already waiting (daemon.request_queue_size) it is refused as busy instead. Pair with <see cref="LeaveQueue"/>.
    /// </summary>
    public void JoinQueue(int queueLimit)
    {
        if (Interlocked.Increment(ref _waiting) <= queueLimit) return;
        Interlocked.Decrement(ref _waiting);
        throw new Protocol.RpcException(Protocol.RpcErrorCode.ProjectBusy,
            $"Project {Id} is busy: {queueLimit} requests are already waiting for it (daemon.request_queue_size); try again later");
    }

    /// <summary>Ends a wait begun with <see cref="JoinQueue"/>.</summary>
    public void LeaveQueue() => Interlocked.Decrement(ref _waiting);

    /// <summary>Its journal, or null when storage is off.</summary>
    public ProjectLog? Log { get; }

    /// <summary>Hands a committed change to the journal (null when storage is off); pass it to History.</summary>
    public Action<HistoryChange>? Journal { get; }

    /// <summary>True while the document is in memory.</summary>
    public bool IsLoaded => Volatile.Read(ref _project) is not null;

    /// <summary>Undo steps held in memory (0 when unloaded); read without the lock, so possibly a moment old.</summary>
    public int UndoSteps => Volatile.Read(ref _project)?.History.UndoCount ?? 0;

    /// <summary>Name, layer count and voxel count as of unloading, for listings that must not load it.</summary>
    public (string Name, int Layers, long Voxels) Summary { get; private set; }

    /// <summary>
    /// The document's <see cref="Core.Project.Version"/>, read without the gate and without
    /// loading it back (a 64-bit read is atomic): watchers poll it to notice changes.
    /// </summary>
    public long Version => Volatile.Read(ref _project)?.Version ?? Volatile.Read(ref _unloadedVersion);

    /// <summary>The document's <see cref="Core.Project.LastChange"/>, read like <see cref="Version"/>.</summary>
    public DateTime LastChange => Volatile.Read(ref _project)?.LastChange ?? _unloadedLastChange;

    /// <summary>Called after the document was read back into memory (the store pages others out).</summary>
    internal Action? LoadedBack { get; init; }

    /// <summary>
    /// The document's <see cref="Project.MemoryBytes"/> (0 when unloaded). Read without waiting:
    /// while a request holds the project, the value seen last time it was free.
    /// </summary>
    public long MemoryBytes
    {
        get
        {
            if (!Gate.TryEnter()) return Volatile.Read(ref _memoryBytes);
            try
            {
                var bytes = _project?.MemoryBytes ?? 0;
                Volatile.Write(ref _memoryBytes, bytes);
                return bytes;
            }
            finally
            {
                Gate.Exit();
            }
        }
    }

    /// <summary>Undo budget for a document read back.</summary>
    internal long UndoBudget { get; set; } = 256L << 20;

    /// <summary>Last time a request named it (Environment.TickCount64), for least-recently-used paging.</summary>
    public long LastUsed { get; private set; }

    /// <summary>Marks the project as just used.</summary>
    public void Touch() => LastUsed = Environment.TickCount64;

    /// <summary>
    /// Checkpoints and drops the document from memory if nobody is using it; false when busy,
    /// storage is off, or the checkpoint failed.
    /// </summary>
    public bool TryUnload()
    {
        if (_vault is null || Log is null || !Gate.TryEnter()) return false;
        try
        {
            if (_project is not { } project) return true;
            if (Log.HasEditsSinceSnapshot || Log.LastCheckpoint is null)
                if (!_vault.Checkpoint(Log, Gate, () => project)) return false;
            Summary = (project.Name, project.Layers.Count, project.VoxelCount);
            _unloadedVersion = project.Version;
            _unloadedLastChange = project.LastChange;
            _project = null;
            return true;
        }
        finally
        {
            Gate.Exit();
        }
    }
}
