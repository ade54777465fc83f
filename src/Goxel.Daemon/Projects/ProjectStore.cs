using System.Collections.Concurrent;
using Goxel.Core;
using Goxel.Daemon.Storage;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Projects;

/// <summary>
/// The projects a daemon holds, by id, and the current one: the last created or loaded,
/// which methods act on when no project_id is given. With storage on, every project is
/// journaled, recovered at start, and at most <c>limits.max_projects</c> stay in memory, holding
/// at most half of <c>limits.memory_mb</c> (the least recently used idle ones are checkpointed
/// and unloaded); without it, that limit bounds the projects that may exist.
/// </summary>
public sealed class ProjectStore
{
    private readonly ConcurrentDictionary<string, OpenProject> _projects = new();
    private readonly Configuration.CurrentSettings _config;
    private readonly ProjectVault? _vault;
    private readonly ILogger<ProjectStore> _logger;
    private readonly Lock _currentGate = new();
    private readonly Lock _pagingGate = new();
    private int _pageOutQueued;
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
            _projects[log.Id] = new OpenProject(log.Id, project, vault, log) { UndoBudget = config.Value.UndoBudgetBytes, LoadedBack = QueuePageOut };
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
            open = new OpenProject(id, project, _vault, log) { UndoBudget = _config.Value.UndoBudgetBytes, LoadedBack = QueuePageOut };
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

    /// <summary>The project with this id, or null, without marking it used (watchers must not keep it from paging out).</summary>
    public OpenProject? Peek(string id) => _projects.GetValueOrDefault(id);

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
            using (open.Gate.EnterScope()) _vault!.Delete(log);
        return true;
    }

    /// <summary>
    /// The share of <c>limits.memory_mb</c> the projects in memory may hold: half. The budget
    /// counts all managed memory, garbage and operations in flight included (an operation that
    /// passes it fails), so projects filling all of it would leave none for the requests on them.
    /// </summary>
    public static long ProjectsShare(Configuration.DaemonSettings settings) => settings.MemoryBudgetBytes / 2;

    /// <summary>
    /// Unloads least recently used idle projects (never the current one, nor one a request holds)
    /// until at most <c>limits.max_projects</c> are in memory and their <see cref="OpenProject.MemoryBytes"/>
    /// add up to at most <see cref="ProjectsShare"/>. Runs after create and load, after a project
    /// is read back, and once a second (edits grow projects between ticks).
    /// </summary>
    public void PageOut()
    {
        if (_vault is null) return;
        lock (_pagingGate)
        {
            var settings = _config.Value;
            var loaded = _projects.Values.Where(p => p.IsLoaded).Select(p => (Open: p, Bytes: p.MemoryBytes)).ToList();
            var excess = loaded.Count - settings.MaxProjects;
            var overBudget = loaded.Sum(p => p.Bytes) - ProjectsShare(settings);
            if (excess <= 0 && overBudget <= 0) return;
            var current = Current;
            foreach (var (open, bytes) in loaded.Where(p => !ReferenceEquals(p.Open, current)).OrderBy(p => p.Open.LastUsed))
            {
                if (excess <= 0 && overBudget <= 0) break;
                if (!open.TryUnload()) continue;
                excess--;
                overBudget -= bytes;
                _logger.LogDebug("storage: unloaded idle project {Project} ({Bytes} bytes)", open.Id, bytes);
            }
        }
    }

    /// <summary>Pages out on the thread pool, once for any number of calls before it runs (a read-back holds the project's lock).</summary>
    private void QueuePageOut()
    {
        if (Interlocked.Exchange(ref _pageOutQueued, 1) == 1) return;
        ThreadPool.QueueUserWorkItem(_ =>
        {
            Volatile.Write(ref _pageOutQueued, 0);
            PageOut();
        });
    }
}
