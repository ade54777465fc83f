using Goxel.Core;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    /// <summary>
    /// Runs an edit under the project's lock as one undo step. If the edit throws, everything
    /// it changed is put back before the error goes to the client: edits are atomic. With
    /// storage on, the step is journaled before the lock is released (and so before the
    /// response is written); a journal write that fails rolls the edit back too.
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
            catch
            {
                project.History.Abort(project);
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

    /// <summary>Runs a read under the project's lock.</summary>
    private static T Read<T>(OpenProject open, Func<Project, T> read)
    {
        lock (open.Gate) return read(open.Project);
    }

    /// <summary>Runs a read under the project's lock, or answers <paramref name="unloaded"/> when the project is paged out.</summary>
    private static T Read<T>(OpenProject open, Func<Project, T> read, T unloaded)
    {
        lock (open.Gate) return open.IsLoaded ? read(open.Project) : unloaded;
    }
}
