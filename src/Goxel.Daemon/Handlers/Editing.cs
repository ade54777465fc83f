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
    /// journal write that fails rolls the edit back too.
    /// </summary>
    private static T Edit<T>(OpenProject open, Func<Project, T> edit)
    {
        lock (open.Gate)
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
    }

    /// <summary>Runs an edit that returns nothing as one atomic undo step.</summary>
    private static void Edit(OpenProject open, Action<Project> edit) => Edit(open, project =>
    {
        edit(project);
        return true;
    });

    // How often a read waiting for a busy project looks for a committed view to read instead.
    private static readonly TimeSpan ViewPoll = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Runs a read under the project's lock; while a long edit that publishes the last committed
    /// state (<see cref="EditBehindView{T}"/>, scripts) holds the lock, reads that state instead.
    /// </summary>
    private T Read<T>(OpenProject open, Func<Project, T> read)
    {
        try
        {
            while (true)
            {
                // A busy project that published its last committed state is read from that at once
                // (waiting for the lock first cost every such read the 2 ms poll).
                var entered = open.Gate.TryEnter();
                // Readers of one view take turns: a volume's block cache is not shared between threads.
                if (!entered && _committed.TryGetValue(open, out var view))
                    lock (view) return read(view);
                if (entered || open.Gate.TryEnter(ViewPoll))
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
            }
        }
        catch (WorkLimitException limit)
        {
            throw OverLimit(limit);
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
        lock (open.Gate)
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
    }

    /// <summary>The reply to work stopped by a limit, once what it built is garbage: collected and returned to the system.</summary>
    private static RpcException OverLimit(WorkLimitException limit)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new RpcException(RpcErrorCode.LimitExceeded, $"Limit exceeded: {limit.Message}; nothing was changed");
    }

    /// <summary>A budget of <paramref name="maxCells"/> cells (named by its config key) under the daemon's memory budget, cancelled with the request.</summary>
    private WorkBudget Budget(RpcParams p, long maxCells, string limitName) =>
        new(maxCells, limitName, _settings.MemoryBudgetBytes, "limits.memory_mb", p.Cancellation);

    /// <summary>A budget of limits.region_max_cells cells.</summary>
    private WorkBudget RegionBudget(RpcParams p) => Budget(p, _settings.RegionMaxCells, "limits.region_max_cells");

    /// <summary>Runs a read under the project's lock, or answers <paramref name="unloaded"/> when the project is paged out.</summary>
    private static T Read<T>(OpenProject open, Func<Project, T> read, T unloaded)
    {
        lock (open.Gate) return open.IsLoaded ? read(open.Project) : unloaded;
    }
}
