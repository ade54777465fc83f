using Goxel.Core;
using Goxel.Daemon.Projects;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    /// <summary>
    /// Runs an edit under the project's lock as one undo step. If the edit throws, everything
    /// it changed is put back before the error goes to the client: edits are atomic. An edit
    /// that ran into a limit also gives its memory back to the system.
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
            project.History.Commit(project);
            return result;
        }
    }

    /// <summary>Runs an edit that returns nothing as one atomic undo step.</summary>
    private static void Edit(OpenProject open, Action<Project> edit) => Edit(open, project =>
    {
        edit(project);
        return true;
    });

    /// <summary>Runs a read under the project's lock.</summary>
    private static T Read<T>(OpenProject open, Func<Project, T> read)
    {
        try
        {
            lock (open.Gate) return read(open.Project);
        }
        catch (WorkLimitException limit)
        {
            throw OverLimit(limit);
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
}
