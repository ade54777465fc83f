using System.Collections.Concurrent;
using Goxel.Core;
using Goxel.Daemon.Storage;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Projects;

/// <summary>
/// The projects a daemon holds, by id, and the current one: the last created or loaded,
/// which methods act on when no project_id is given. With storage on, every project is
/// journaled, recovered at start, and at most <c>limits.max_projects</c> stay in memory (the
/// least recently used idle one is checkpointed and unloaded); without it, that limit bounds the
/// projects that may exist.
/// </summary>
public sealed class ProjectStore
{
    private readonly ConcurrentDictionary<string, OpenProject> _projects = new();
    private readonly Configuration.CurrentSettings _config;
    private readonly ProjectVault? _vault;
    private readonly ILogger<ProjectStore> _logger;
    private readonly Lock _currentGate = new();
    private OpenProject? _current;
    private long _lastId;

    /// <summary>A store; with <paramref name="vault"/>, recovers what it holds first.</summary>
    public ProjectStore(Configuration.CurrentSettings config, ILogger<ProjectStore> logger, ProjectVault? vault = null)
    {
        _config = config;
        _vault = vault;
        _logger = logger;
        if (vault is null) return;
        var (projects, current, lastId) = vault.Recover();
        foreach (var (log, project) in projects)
        {
            project.History.BudgetBytes = config.Value.UndoBudgetBytes;
            _projects[log.Id] = new OpenProject(log.Id, project, vault, log) { UndoBudget = config.Value.UndoBudgetBytes };
        }
        _lastId = lastId;
        _current = current is null ? null : _projects[current];
        PageOut();
    }

    /// <summary>The storage behind the projects, or null when memory-only.</summary>
    public ProjectVault? Vault => _vault;

    /// <summary>The project methods use by default, or null before the first one.</summary>
    public OpenProject? Current => Volatile.Read(ref _current);

    /// <summary>Every project, in memory or not.</summary>
    public ICollection<OpenProject> All => _projects.Values;

    /// <summary>
    /// Adds a project under a fresh id and makes it current. Memory-only, fails past
    /// <c>limits.max_projects</c>; with storage, journals it (failing with the storage error when
    /// that cannot be written) and unloads the least recently used idle project past the limit.
    /// </summary>
    public OpenProject Add(Project project, string? ownPath = null, string? ownFormat = null)
    {
        if (_vault is null && _projects.Count >= _config.Value.MaxProjects)
            throw Protocol.RpcException.Internal($"Too many open projects (the limit is {_config.Value.MaxProjects}): close some with goxel.close_project");
        project.History.BudgetBytes = _config.Value.UndoBudgetBytes;
        OpenProject open;
        lock (_currentGate)
        {
            var id = $"p{_lastId + 1}";
            var log = _vault?.Create(id, project, ownPath, ownFormat);
            _lastId++;
            open = new OpenProject(id, project, _vault, log) { UndoBudget = _config.Value.UndoBudgetBytes };
            _projects[open.Id] = open;
            Volatile.Write(ref _current, open);
            _vault?.SetCurrent(open.Id, _lastId);
        }
        PageOut();
        return open;
    }

    /// <summary>The project with this id, or null.</summary>
    public OpenProject? Find(string id)
    {
        var open = _projects.GetValueOrDefault(id);
        open?.Touch();
        return open;
    }

    /// <summary>Closes a project and deletes its journal and snapshots; closing the current one leaves no current project.</summary>
    public bool Close(string id)
    {
        if (!_projects.TryRemove(id, out var open)) return false;
        lock (_currentGate)
        {
            if (ReferenceEquals(_current, open))
            {
                Volatile.Write(ref _current, null);
                _vault?.SetCurrent(null, _lastId);
            }
        }
        if (open.Log is { } log)
            lock (open.Gate) _vault!.Delete(log);
        return true;
    }

    /// <summary>Unloads least recently used idle projects until at most <c>limits.max_projects</c> are in memory.</summary>
    public void PageOut()
    {
        if (_vault is null) return;
        var loaded = _projects.Values.Where(p => p.IsLoaded).ToList();
        var excess = loaded.Count - _config.Value.MaxProjects;
        if (excess <= 0) return;
        var current = Current;
        foreach (var open in loaded.Where(p => !ReferenceEquals(p, current)).OrderBy(p => p.LastUsed))
        {
            if (excess == 0) break;
            if (open.TryUnload())
            {
                excess--;
                _logger.LogDebug("storage: unloaded idle project {Project}", open.Id);
            }
        }
    }
}
