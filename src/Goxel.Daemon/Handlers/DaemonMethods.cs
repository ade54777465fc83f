using Goxel.Daemon.Configuration;
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
    private readonly DaemonSettings _settings;
    private readonly RenderArchive _archive;
    private readonly ProjectFiles _files;
    private readonly VoxelRenderer _renderer;
    private readonly DateTime _started = DateTime.UtcNow;

    public DaemonMethods(ProjectStore projects, DaemonSettings settings, RenderArchive archive)
    {
        _projects = projects;
        _settings = settings;
        _archive = archive;
        var workspace = settings.Workspace ?? Directory.GetCurrentDirectory();
        _files = new ProjectFiles(new PathPolicy(settings.Workspace, settings.AllowedRoots ?? [workspace, Path.GetTempPath()]));
        _renderer = new VoxelRenderer(new RenderLimits(settings.RenderMaxWidth, settings.RenderMaxHeight));
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
        // The seed guide's names for the diagnostics (spec section 11).
        Alias("goxel.get_version", "version");
        Alias("goxel.ping", "ping");
        Alias("goxel.get_daemon_status", "status");
    }

    /// <inheritdoc/>
    public bool TryGet(string name, out RpcMethod method) => _methods.TryGetValue(name, out method!);

    private void Register(string name, RpcMethod method) => _methods.Add(name, method);

    private void Alias(string alias, string name) => _methods.Add(alias, _methods[name]);

    /// <summary>
    /// The project a request names with "project_id", else the current one. An unknown id is
    /// -32602; without either, fails with <paramref name="code"/> and a message that says what to do.
    /// </summary>
    private OpenProject Resolve(RpcParams parameters, int code, string failure)
    {
        if (parameters.GetString("project_id") is { } id)
            return _projects.Find(id) ?? throw RpcException.InvalidParams($"{failure}: 'project_id' '{id}' names no open project");
        return _projects.Current
            ?? throw new RpcException(code, $"{failure}: no project is open; call goxel.create_project or goxel.load_project first");
    }
}
