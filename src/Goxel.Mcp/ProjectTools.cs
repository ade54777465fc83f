using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Creating, opening, saving, exporting and listing projects.</summary>
[McpServerToolType]
public sealed class ProjectTools(Workshop workshop)
{
    private const string ProjectIdHelp = "Project to act on (from create_project, load_project or list_projects); omit for the current project.";

    /// <summary>create_project.</summary>
    [McpServerTool(Name = "create_project", Title = "Create project"), Description(
        "Create an empty voxel project and make it current. Returns its project_id. The size is the working box in cells " +
        "(x and y centred on 0, z from 0 upward; Z is up); voxels may also be placed outside it.")]
    public Task<CallToolResult> CreateProject(McpServer server,
        [Description("Project name.")] string name = "Untitled",
        [Description("Width in cells along X.")] int width = 64,
        [Description("Depth in cells along Y.")] int height = 64,
        [Description("Height in cells along Z (up).")] int depth = 64,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.create_project",
            ToolParams.For(null).With("name", name).With("width", width).With("height", height).With("depth", depth), cancellationToken, listChanged: true);

    /// <summary>load_project.</summary>
    [McpServerTool(Name = "load_project", Title = "Load project"), Description(
        "Open a voxel file (.gox, .vox, .qb, .kvx, .txt) as a new project and make it current. Paths are on the engine's machine, " +
        "relative to its workspace.")]
    public Task<CallToolResult> LoadProject(McpServer server,
        [Description("File to open.")] string path,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.load_project", ToolParams.For(null).With("path", path), cancellationToken, listChanged: true);

    /// <summary>save_project.</summary>
    [McpServerTool(Name = "save_project", Title = "Save project", Idempotent = true), Description(
        "Save the project to a file; the format follows the extension (.gox keeps layers; also .vox, .qb, .kvx, .txt) or `format`.")]
    public Task<CallToolResult> SaveProject(
        [Description("File to write.")] string path,
        [Description("Format name when the extension does not say (gox, vox, qb, kvx, txt).")] string? format = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.save_project", ToolParams.For(project_id).With("path", path).With("format", format), cancellationToken);

    /// <summary>export_model.</summary>
    [McpServerTool(Name = "export_model", Title = "Export model", Idempotent = true), Description(
        "Export the visible layers as a mesh or image file: obj, ply, stl, glb/gltf, png (slices), or any save format, " +
        "chosen by extension or `format`.")]
    public Task<CallToolResult> ExportModel(
        [Description("File to write.")] string path,
        [Description("Format name when the extension does not say.")] string? format = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.export_model", ToolParams.For(project_id).With("path", path).With("format", format), cancellationToken);

    /// <summary>list_projects.</summary>
    [McpServerTool(Name = "list_projects", Title = "List projects", ReadOnly = true), Description(
        "List the open projects with their ids, names, layer and voxel counts, and which one is current.")]
    public Task<CallToolResult> ListProjects(CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.list_projects", ToolParams.For(null), cancellationToken);

    /// <summary>close_project.</summary>
    [McpServerTool(Name = "close_project", Title = "Close project", Destructive = true), Description(
        "Close a project without saving; unsaved changes are lost.")]
    public Task<CallToolResult> CloseProject(McpServer server,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.close_project", ToolParams.For(project_id), cancellationToken, listChanged: true);

    /// <summary>get_project_info.</summary>
    [McpServerTool(Name = "get_project_info", Title = "Project info", ReadOnly = true), Description(
        "Name, size, layer count, voxel count, bounding box (inclusive min/max cells), active layer and undo/redo depth of a project.")]
    public Task<CallToolResult> ProjectInfo(
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.get_project_info", ToolParams.For(project_id), cancellationToken);

    /// <summary>undo.</summary>
    [McpServerTool(Name = "undo", Title = "Undo"), Description("Undo the project's last edit (one tool call is one step).")]
    public Task<CallToolResult> Undo(McpServer server,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.undo", ToolParams.For(project_id), cancellationToken);

    /// <summary>redo.</summary>
    [McpServerTool(Name = "redo", Title = "Redo"), Description("Redo the last undone edit.")]
    public Task<CallToolResult> Redo(McpServer server,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.redo", ToolParams.For(project_id), cancellationToken);
}
