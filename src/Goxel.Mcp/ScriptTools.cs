using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>JavaScript against the project, for models too regular to list cell by cell.</summary>
[McpServerToolType]
public sealed class ScriptTools(Workshop workshop)
{
    /// <summary>execute_script.</summary>
    [McpServerTool(Name = "execute_script", Title = "Run script"), Description(
        "Run JavaScript against the project as one undoable step (a script that throws changes nothing). The global `goxel` has: " +
        "setVoxel(x,y,z,color[,layerId]) with color [r,g,b,a] or \"#RRGGBB\"; getVoxel(x,y,z[,layerId]) -> [r,g,b,a] or null; " +
        "removeVoxel(x,y,z[,layerId]); fillBox(x0,y0,z0,x1,y1,z1,color[,layerId]); voxelCount(); layers(); addLayer(name) -> id; " +
        "setActiveLayer(id); log(...). The last expression's value is returned as `result`, log lines as `output`. " +
        "Example: for (let z = 0; z < 8; z++) goxel.setVoxel(0, 0, z, [255, 0, 0, 255]);")]
    public Task<CallToolResult> ExecuteScript(McpServer server,
        [Description("JavaScript source.")] string script,
        [Description("Time limit in milliseconds (1-300000); omit for the engine's default.")] int? timeout_ms = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.EditAsync(server, "goxel.execute_script", ToolParams.For(project_id).With("script", script).With("timeout_ms", timeout_ms), cancellationToken);
}
