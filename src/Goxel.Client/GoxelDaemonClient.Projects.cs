using System.Text.Json;

namespace Goxel.Client;

public sealed partial class GoxelDaemonClient
{
    /// <summary><c>goxel.create_project {name?, width?, height?, depth?}</c>; becomes the current project.</summary>
    public Task<CreateProjectResult> CreateProjectAsync(string? name = null, int? width = null, int? height = null, int? depth = null,
        CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.create_project", JsonParams.Object(w =>
        {
            w.WriteOptional("name", name);
            w.WriteOptional("width", width);
            w.WriteOptional("height", height);
            w.WriteOptional("depth", depth);
        }), ClientJsonContext.Default.CreateProjectResult, cancellationToken);

    /// <summary><c>goxel.load_project {path}</c>.</summary>
    public Task<FileResult> LoadProjectAsync(string path, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.load_project", FileParams(path, null, null), ClientJsonContext.Default.FileResult, cancellationToken);

    /// <summary><c>goxel.save_project {path, format?, project_id?}</c>.</summary>
    public Task<FileResult> SaveProjectAsync(string path, string? format = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.save_project", FileParams(path, format, projectId), ClientJsonContext.Default.FileResult, cancellationToken);

    /// <summary><c>goxel.export_model {path, format?, project_id?}</c>.</summary>
    public Task<FileResult> ExportModelAsync(string path, string? format = null, string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.export_model", FileParams(path, format, projectId), ClientJsonContext.Default.FileResult, cancellationToken);

    /// <summary>
    /// <c>goxel.export_model {format, data: true, project_id?}</c>: the exported file's bytes (first)
    /// and its companions' (an OBJ's .mtl) instead of a file on the daemon's disk, decompressed.
    /// </summary>
    public async Task<IReadOnlyList<ExportedFile>> ExportModelDataAsync(string format, string? projectId = null, CancellationToken cancellationToken = default)
    {
        var wire = await InvokeAsync("goxel.export_model", JsonParams.Object(w =>
        {
            w.WriteString("format", format);
            w.WriteBoolean("data", true);
            w.WriteOptional("project_id", projectId);
        }), WireJsonContext.Default.ExportedModelWire, cancellationToken).ConfigureAwait(false);
        return [new ExportedFile(wire.Name, PackedVoxels.Bytes(wire.Data, wire.Compression)),
            .. wire.Files.Select(f => new ExportedFile(f.Name, PackedVoxels.Bytes(f.Data, wire.Compression)))];
    }

    /// <summary><c>goxel.get_project_info {project_id?}</c>.</summary>
    public Task<ProjectInfo> GetProjectInfoAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_project_info", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.ProjectInfo, cancellationToken);

    /// <summary><c>goxel.get_status {project_id?}</c>: the original's project summary.</summary>
    public Task<ProjectStatus> GetProjectStatusAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.get_status", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.ProjectStatus, cancellationToken);

    /// <summary><c>goxel.list_projects</c>.</summary>
    public async Task<IReadOnlyList<ProjectSummary>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        (await InvokeAsync("goxel.list_projects", JsonParams.ProjectOnly(null), ClientJsonContext.Default.ProjectList, cancellationToken).ConfigureAwait(false)).Projects;

    /// <summary><c>goxel.close_project {project_id}</c>.</summary>
    public Task<JsonElement> CloseProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.close_project", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.undo {project_id?}</c>.</summary>
    public Task<JsonElement> UndoAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.undo", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    /// <summary><c>goxel.redo {project_id?}</c>.</summary>
    public Task<JsonElement> RedoAsync(string? projectId = null, CancellationToken cancellationToken = default) =>
        InvokeAsync("goxel.redo", JsonParams.ProjectOnly(projectId), ClientJsonContext.Default.JsonElement, cancellationToken);

    private static Action<Utf8JsonWriter> FileParams(string path, string? format, string? projectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return JsonParams.Object(w =>
        {
            w.WriteString("path", path);
            w.WriteOptional("format", format);
            w.WriteOptional("project_id", projectId);
        });
    }
}
