using Goxel.Core;
using Goxel.Daemon.Configuration;
using Goxel.Daemon.Monitoring;
using Goxel.Daemon.Projects;
using Goxel.Formats;
using Goxel.Protocol;
using Goxel.Render;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Every method the daemon answers, by wire name. Each family of methods lives in its own
/// partial file and registers itself from the constructor.
/// </summary>
internal sealed partial class DaemonMethods : IRpcMethodTable
{
    private readonly Dictionary<string, RpcMethod> _methods = new(StringComparer.Ordinal);
    private readonly ProjectStore _projects;
    private readonly CurrentSettings _current;
    private readonly RenderArchive _archive;
    private readonly RenderCache _cache;
    private SettingsViews _views;
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly DaemonMetrics _metrics;

    public DaemonMethods(ProjectStore projects, CurrentSettings current, RenderArchive archive, RenderCache cache, DaemonMetrics metrics, IRequestObserver? observer = null)
    {
        _projects = projects;
        _current = current;
        _archive = archive;
        _cache = cache;
        _metrics = metrics;
        Observer = observer;
        _views = new SettingsViews(current.Value, cache);
        RegisterDiagnostics();
        RegisterProjects();
        RegisterVoxels();
        RegisterQueries();
        RegisterLayers();
        RegisterEdits();
        RegisterRegions();
        RegisterColors();
        RegisterProjectExtensions();
        RegisterScripts();
        RegisterFiles();
        RegisterRenders();
        RegisterMonitoring();
        // The seed guide's names for the diagnostics (spec section 11).
        Alias("goxel.get_version", "version");
        Alias("goxel.ping", "ping");
        Alias("goxel.get_daemon_status", "status");
    }

    // Handlers read the settings record in force; the objects built from it are rebuilt once
    // per record, so a reload changes file policy and render limits for the next request.
    private DaemonSettings _settings => Views.Settings;

    private ProjectFiles _files => Views.Files;

    private VoxelRenderer _renderer => Views.Renderer;

    private SettingsViews Views
    {
        get
        {
            var views = _views;
            var settings = _current.Value;
            if (ReferenceEquals(views.Settings, settings)) return views;
            _views = views = new SettingsViews(settings, _cache);
            // A reload resizes the caches in place: what they hold stays valid.
            _cache.Limits = settings.RenderCacheLimits;
            return views;
        }
    }

    /// <inheritdoc/>
    public IRequestObserver? Observer { get; }

    /// <inheritdoc/>
    public bool TryGet(string name, out RpcMethod method) => _methods.TryGetValue(name, out method!);

    /// <summary>
    /// Methods whose work is bounded and small (one voxel, a few facts, a bounded region read that
    /// defers itself when large): an event loop runs them among its other connections' requests.
    /// Every other method runs on a thread of its own (docs/architecture.md, "Decisions").
    /// </summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> Quick = System.Collections.Frozen.FrozenSet.ToFrozenSet(new[]
    {
        "echo", "version", "ping", "goxel.get_version", "goxel.ping", "list_methods",
        "goxel.add_voxel", "goxel.remove_voxel", "goxel.get_voxel", "goxel.get_voxels_region",
        "goxel.get_status", "goxel.get_project_info", "goxel.list_projects", "goxel.list_layers",
        "goxel.set_active_layer", "goxel.set_layer_visibility",
    }, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool IsQuick(string name) => Quick.Contains(name);

    // Every method answers a timeout the same way, wherever in it the deadline passed.
    private void Register(string name, RpcMethod method) => _methods.Add(name, (p, w) =>
    {
        try
        {
            method(p, w);
        }
        catch (WorkTimeoutException timeout)
        {
            throw TimedOut(timeout);
        }
    });

    private void Alias(string alias, string name) => _methods.Add(alias, _methods[name]);

    /// <summary>
    /// The project a request names with "project_id", else the current one. An unknown id is
    /// -32602; without either, fails with <paramref name="code"/> and a message that says what to do.
    /// </summary>
    private OpenProject Resolve(RpcParams parameters, int code, string failure)
    {
        var open = parameters.GetString("project_id") is { } id
            ? _projects.Find(id) ?? throw RpcException.InvalidParams($"{failure}: 'project_id' '{id}' names no open project")
            : _projects.Current ?? throw new RpcException(code, $"{failure}: no project is open; call goxel.create_project or goxel.load_project first");
        // Reading a paged-out project back from its snapshot is not quick: not on an event loop.
        if (!open.IsLoaded) InlineRequests.DeferOnLoop();
        return open;
    }
}
