using System.Collections.Concurrent;
using Goxel.Core;

namespace Goxel.Daemon.Projects;

/// <summary>
/// The projects a daemon holds, by id, and the current one: the last created or loaded,
/// which methods act on when no project_id is given.
/// </summary>
public sealed class ProjectStore(Configuration.CurrentSettings current)
{
    private readonly ConcurrentDictionary<string, OpenProject> _projects = new();
    private OpenProject? _current;
    private int _lastId;

    /// <summary>The project methods use by default, or null before the first one.</summary>
    public OpenProject? Current => Volatile.Read(ref _current);

    /// <summary>Every open project.</summary>
    public ICollection<OpenProject> All => _projects.Values;

    /// <summary>Adds a project under a fresh id and makes it current; fails past <c>limits.max_projects</c>.</summary>
    public OpenProject Add(Project project)
    {
        var settings = current.Value;
        if (_projects.Count >= settings.MaxProjects)
            throw Protocol.RpcException.Internal($"Too many open projects (the limit is {settings.MaxProjects}): close some with goxel.close_project");
        project.History.BudgetBytes = settings.UndoBudgetBytes;
        var open = new OpenProject($"p{Interlocked.Increment(ref _lastId)}", project);
        _projects[open.Id] = open;
        Volatile.Write(ref _current, open);
        return open;
    }

    /// <summary>The project with this id, or null.</summary>
    public OpenProject? Find(string id) => _projects.GetValueOrDefault(id);

    /// <summary>Closes a project; closing the current one leaves no current project.</summary>
    public bool Close(string id)
    {
        if (!_projects.TryRemove(id, out var open)) return false;
        Interlocked.CompareExchange(ref _current, null, open);
        return true;
    }
}
