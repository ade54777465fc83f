using Goxel.Core;
using Goxel.Daemon.Projects;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    // The last committed state of each project a long edit holds, for readers meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<OpenProject, Project> _committed = new();

    /// <summary>
    /// Runs an edit holding the project as one undo step. If the edit throws, everything it
    /// changed is put back before the error goes to the client: edits are atomic. An edit that
    /// ran into a limit also gives its memory back to the system. With storage on, the step is
    /// journaled before the project is released (and so before the response is written); a
    /// journal write that fails rolls the edit back too. A busy project is waited for in line
    /// (<see cref="OpenProject.RunInLine"/>), bounded by daemon.timeout_ms and daemon.request_queue_size.
    /// </summary>
    private T Edit<T>(OpenProject open, Func<Project, T> edit) => Edit(open, edit, static (project, e) => e(project));

    /// <summary>
    /// <see cref="Edit{T}(OpenProject, Func{Project, T})"/> with the edit's state passed in: the
    /// methods every client calls most (add_voxel, remove_voxel) make no closure per request.
    /// </summary>
    private T Edit<TArg, T>(OpenProject open, TArg arg, Func<Project, TArg, T> edit) =>
        Hold(open, (arg, edit), static (o, a) => Commit(o, o.Project, a.arg, a.edit));

    /// <summary>Runs <paramref name="edit"/> on the held project as one undo step, journaled.</summary>
    private static T Commit<TArg, T>(OpenProject open, Project project, TArg arg, Func<Project, TArg, T> edit)
    {
        project.History.Begin(project);
        T result;
        try
        {
            result = edit(project, arg);
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

    /// <summary>Runs an edit that returns nothing as one atomic undo step.</summary>
    private void Edit(OpenProject open, Action<Project> edit) => Edit(open, project =>
    {
        edit(project);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="work"/> holding the project: at once when it is free, else in its line
    /// (<see cref="OpenProject.RunInLine"/>). The work takes its state as an argument, so a free
    /// project costs no closure.
    /// </summary>
    private T Hold<TArg, T>(OpenProject open, TArg arg, Func<OpenProject, TArg, T> work)
    {
        if (!open.Gate.TryEnter()) return InLine(open, arg, work);
        try
        {
            return work(open, arg);
        }
        finally
        {
            open.Gate.ExitRunningLine();
        }
    }

    /// <summary>Runs work holding a busy project, in its line (apart from <see cref="Hold{TArg, T}"/>: only this path makes a closure).</summary>
    private T InLine<TArg, T>(OpenProject open, TArg arg, Func<OpenProject, TArg, T> work)
    {
        T result = default!;
        open.RunInLine(() => result = work(open, arg), Deadline(), _settings.RequestQueueSize);
        return result;
    }

    /// <summary>
    /// Runs a read holding the project; while a long edit that publishes the last committed state
    /// (<see cref="EditBehindView{T}"/>, scripts) holds it, reads that state instead. A read
    /// waiting for the project keeps its place in line and gives up at daemon.timeout_ms.
    /// </summary>
    private T Read<T>(OpenProject open, Func<Project, T> read) => Read(open, read, static (project, r) => r(project));

    /// <summary><see cref="Read{T}(OpenProject, Func{Project, T})"/> with the read's state passed in (get_voxel makes no closure).</summary>
    private T Read<TArg, T>(OpenProject open, TArg arg, Func<Project, TArg, T> read)
    {
        try
        {
            if (!open.Gate.TryEnter()) return ReadBusy(open, arg, read);
            try
            {
                return read(open.Project, arg);
            }
            finally
            {
                open.Gate.ExitRunningLine();
            }
        }
        catch (WorkLimitException limit)
        {
            throw OverLimit(limit);
        }
    }

    /// <summary>
    /// A read of a busy project: from its published committed state if there is one (at once, or
    /// as soon as one is published while it waits), else in line.
    /// </summary>
    private T ReadBusy<TArg, T>(OpenProject open, TArg arg, Func<Project, TArg, T> read)
    {
        if (!_committed.TryGetValue(open, out var view))
        {
            T result = default!;
            if (open.RunInLine(() => result = read(open.Project, arg), Deadline(), _settings.RequestQueueSize,
                    () => _committed.TryGetValue(open, out view)))
                return result;
        }
        // Readers of one view take turns: a volume's block cache is not shared between threads.
        lock (view!) return read(view, arg);
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
    /// state instead of waiting for the edit. It holds the project on its own thread (the work of
    /// a script is never run by another request leaving the project).
    /// </summary>
    private T EditBehindView<T>(OpenProject open, Func<Project, T> edit)
    {
        open.Enter(Deadline(), _settings.RequestQueueSize);
        try
        {
            _committed[open] = open.Project.Snapshot();
            // Reads already in line look for it now.
            open.Gate.Alert();
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
            open.Gate.ExitRunningLine();
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

    /// <summary>Runs a read holding the project, or answers <paramref name="unloaded"/> when the project is paged out.</summary>
    private T Read<T>(OpenProject open, Func<Project, T> read, T unloaded) =>
        Hold(open, (read, unloaded), static (o, a) => o.IsLoaded ? a.read(o.Project) : a.unloaded);
}
