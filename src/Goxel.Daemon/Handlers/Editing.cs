using Goxel.Core;
using Goxel.Daemon.Projects;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    // The last committed state of each project a long edit holds, for readers meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<OpenProject, Project> _committed = new();

    /// <summary>
    /// Runs an edit under the project's lock as one undo step. If the edit throws, everything
    /// it changed is put back before the error goes to the client: edits are atomic. An edit
    /// that ran into a limit also gives its memory back to the system. With storage on, the
    /// step is journaled before the lock is released (and so before the response is written); a
    /// journal write that fails rolls the edit back too. The wait for the lock is bounded by
    /// daemon.timeout_ms and daemon.request_queue_size (<see cref="OpenProject.Enter"/>).
    /// </summary>
    private T Edit<T>(OpenProject open, Func<Project, T> edit)
    {
        open.Enter(Deadline(), _settings.RequestQueueSize);
        try
        {
            var project = open.Project;
            project.History.Begin(project);
            T result;
            try
            {
                result = edit(project);
            }
            catch (Exception ex)
            {
                project.History.Abort(project);
                if (ex is WorkLimitException limit) throw OverLimit(limit);
                throw;
            }
            project.History.Commit(project, open.Journal);
            return result;
        }
        finally
        {
            open.Gate.Exit();
        }
    }

    /// <summary>Runs an edit that returns nothing as one atomic undo step.</summary>
    private void Edit(OpenProject open, Action<Project> edit) => Edit(open, project =>
    {
        edit(project);
        return true;
    });

    // How often a read waiting for a busy project looks for a committed view to read instead.
    private static readonly TimeSpan ViewPoll = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Runs a read under the project's lock; while a long edit that publishes the last committed
    /// state (<see cref="EditBehindView{T}"/>, scripts) holds the lock, reads that state instead.
    /// A read waiting for the lock counts in the project's queue and gives up at daemon.timeout_ms.
    /// </summary>
    private T Read<T>(OpenProject open, Func<Project, T> read)
    {
        try
        {
            if (open.Gate.TryEnter()) return ReadEntered(open, read);
            var view = WaitToRead(open);
            if (view is null) return ReadEntered(open, read);
            // Readers of one view take turns: a volume's block cache is not shared between threads.
            lock (view) return read(view);
        }
        catch (WorkLimitException limit)
        {
            throw OverLimit(limit);
        }
    }

    /// <summary>Runs <paramref name="read"/> on the live document, whose lock the caller took; releases it.</summary>
    private static T ReadEntered<T>(OpenProject open, Func<Project, T> read)
    {
        try
        {
            return read(open.Project);
        }
        finally
        {
            open.Gate.Exit();
        }
    }

    /// <summary>
    /// Waits in the project's queue until its lock is taken (null) or a committed view is
    /// published (that view, to read instead); gives up at daemon.timeout_ms.
    /// </summary>
    private Project? WaitToRead(OpenProject open)
    {
        var deadline = Deadline();
        open.JoinQueue(_settings.RequestQueueSize);
        try
        {
            while (true)
            {
                // A busy project that published its last committed state is read from that at once
                // (waiting for the lock first cost every such read the 2 ms poll).
                if (_committed.TryGetValue(open, out var view)) return view;
                if (open.Gate.TryEnter(ViewPoll)) return null;
                deadline.ThrowIfPassed();
            }
        }
        finally
        {
            open.LeaveQueue();
        }
    }

    /// <summary>A read that writes its answer as it goes.</summary>
    private void Read(OpenProject open, Action<Project> read) => Read(open, project =>
    {
        read(project);
        return true;
    });

    /// <summary>
    /// An edit that may run long (a script): a copy-on-write snapshot of the state before it is
    /// published for readers, so reads and renders of the project answer from the last committed
    /// state instead of waiting for the edit.
    /// </summary>
    private T EditBehindView<T>(OpenProject open, Func<Project, T> edit)
    {
        open.Enter(Deadline(), _settings.RequestQueueSize);
        try
        {
            _committed[open] = open.Project.Snapshot();
            try
            {
                return Edit(open, edit);
            }
            finally
            {
                _committed.TryRemove(open, out _);
            }
        }
        finally
        {
            open.Gate.Exit();
        }
    }

    /// <summary>The reply to work stopped by a limit, once what it built is garbage: collected and returned to the system.</summary>
    private static RpcException OverLimit(WorkLimitException limit)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new RpcException(RpcErrorCode.LimitExceeded, $"Limit exceeded: {limit.Message}; nothing was changed");
    }

    /// <summary>
    /// A budget of <paramref name="maxCells"/> cells (named by its config key) under the daemon's
    /// memory budget, cancelled with the request and stopped at daemon.timeout_ms.
    /// </summary>
    private WorkBudget Budget(RpcParams p, long maxCells, string limitName) =>
        new(maxCells, limitName, _settings.MemoryBudgetBytes, "limits.memory_mb", p.Cancellation, Deadline());

    /// <summary>
    /// The request's time limit (daemon.timeout_ms) from now: a clock read, no timer. Long work
    /// checks it every few thousand cells (<see cref="WorkBudget"/>); waits for a project end at it.
    /// </summary>
    private WorkDeadline Deadline() => WorkDeadline.After(_settings.TimeoutMs, "daemon.timeout_ms");

    /// <summary>
    /// Runs work that takes a token (renders, exports) with a token that also fires at
    /// <paramref name="deadline"/>: one timer, for work that costs far more than a timer.
    /// </summary>
    private static T Timed<T>(RpcParams p, WorkDeadline deadline, Func<CancellationToken, T> work)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(p.Cancellation);
        timer.CancelAfter(deadline.Remaining);
        try
        {
            return work(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !p.Cancellation.IsCancellationRequested)
        {
            throw new WorkTimeoutException(deadline);
        }
    }

    /// <summary>The reply to a request stopped by daemon.timeout_ms (what it changed was rolled back by <see cref="Edit{T}"/>).</summary>
    private static RpcException TimedOut(WorkTimeoutException timeout) =>
        new(RpcErrorCode.RequestTimedOut, $"{timeout.Message}; nothing was changed");

    /// <summary>A budget of limits.region_max_cells cells.</summary>
    private WorkBudget RegionBudget(RpcParams p) => Budget(p, _settings.RegionMaxCells, "limits.region_max_cells");

    /// <summary>Runs a read under the project's lock, or answers <paramref name="unloaded"/> when the project is paged out.</summary>
    private T Read<T>(OpenProject open, Func<Project, T> read, T unloaded)
    {
        open.Enter(Deadline(), _settings.RequestQueueSize);
        try
        {
            return open.IsLoaded ? read(open.Project) : unloaded;
        }
        finally
        {
            open.Gate.Exit();
        }
    }
}
