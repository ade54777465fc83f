using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Solid boxes, spheres, cylinders and lines, each one undoable step.</summary>
[McpServerToolType]
public sealed class ShapeTools(Workshop workshop)
{
    /// <summary>draw_box.</summary>
    [McpServerTool(Name = "draw_box", Title = "Fill box"), Description(
        "Fill the inclusive box of cells from min to max with one colour (a solid cuboid; for a single wall make one side 1 thick). " +
        "Z is up, so a floor is min [x0,y0,0] max [x1,y1,0].")]
    public Task<CallToolResult> DrawBox(McpServer server,
        [Description("Inclusive lower corner [x,y,z].")] int[] min,
        [Description("Inclusive upper corner [x,y,z].")] int[] max,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(VoxelTools.LayerHelp)] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            var lo = ToolParams.Cell(min, "min");
            var hi = ToolParams.Cell(max, "max");
            var size = new int[3];
            var center = new int[3];
            for (var axis = 0; axis < 3; axis++)
            {
                if (hi[axis] < lo[axis]) throw new ArgumentException($"max must be at least min on every axis (axis {"xyz"[axis]})");
                // The daemon's shape of size s at centre c covers c - s/2 ... c - s/2 + s - 1.
                size[axis] = hi[axis] - lo[axis] + 1;
                center[axis] = lo[axis] + size[axis] / 2;
            }
            return ShapeAsync(server, "cube", size, center, color, rgba, layer_id, project_id, cancellationToken);
        });

    /// <summary>draw_sphere.</summary>
    [McpServerTool(Name = "draw_sphere", Title = "Fill sphere"), Description(
        "Fill a solid sphere around the centre cell, 2*radius+1 cells across (a cell is inside when its centre lies within radius + 0.5 of the centre cell's centre).")]
    public Task<CallToolResult> DrawSphere(McpServer server,
        [Description("Centre cell [x,y,z].")] int[] center,
        [Description("Radius in cells (0 is one voxel).")] int radius,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(VoxelTools.LayerHelp)] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            if (radius < 0) throw new ArgumentException("radius must be 0 or more");
            var d = 2 * radius + 1;
            return ShapeAsync(server, "sphere", [d, d, d], ToolParams.Cell(center, "center"), color, rgba, layer_id, project_id, cancellationToken);
        });

    /// <summary>draw_cylinder.</summary>
    [McpServerTool(Name = "draw_cylinder", Title = "Fill cylinder"), Description(
        "Fill a solid upright cylinder (axis along Z) standing on the base cell: a disc of the given radius around base, " +
        "from base z up to base z + height - 1.")]
    public Task<CallToolResult> DrawCylinder(McpServer server,
        [Description("Centre of the bottom disc [x,y,z].")] int[] @base,
        [Description("Radius in cells (0 is a one-voxel column).")] int radius,
        [Description("Height in cells along Z.")] int height,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(VoxelTools.LayerHelp)] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            if (radius < 0 || height <= 0) throw new ArgumentException("radius must be 0 or more and height positive");
            var b = ToolParams.Cell(@base, "base");
            var d = 2 * radius + 1;
            return ShapeAsync(server, "cylinder", [d, d, height], [b[0], b[1], b[2] + height / 2], color, rgba, layer_id, project_id, cancellationToken);
        });

    /// <summary>draw_line.</summary>
    [McpServerTool(Name = "draw_line", Title = "Draw line"), Description(
        "Draw a one-voxel-thick straight line between two cells, both included, with no gaps.")]
    public Task<CallToolResult> DrawLine(McpServer server,
        [Description("First end [x,y,z].")] int[] from,
        [Description("Second end [x,y,z].")] int[] to,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(VoxelTools.LayerHelp)] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            var paint = VoxelColor.Resolve(color, rgba);
            var rows = new JsonArray();
            foreach (var cell in LineCells.Between(ToolParams.Cell(from, "from"), ToolParams.Cell(to, "to")))
                rows.Add((JsonNode?)ToolParams.Array([.. cell, .. paint]));
            return workshop.EditAsync(server, "goxel.add_voxel_batch",
                ToolParams.For(project_id).With("voxels", rows).With("layer_id", layer_id), cancellationToken);
        });

    private async Task<CallToolResult> ShapeAsync(McpServer server, string shape, int[] size, int[] center, string? color, int[]? rgba,
        int? layerId, string? projectId, CancellationToken cancellationToken)
    {
        var paint = VoxelColor.Resolve(color, rgba);
        var layer = await workshop.LayerOrActiveAsync(layerId, projectId, cancellationToken).ConfigureAwait(false);
        return await workshop.EditAsync(server, "goxel.procedural_shape",
            ToolParams.For(projectId).With("shape", shape).With("size", ToolParams.Array(size)).With("center", ToolParams.Array(center))
                .With("color", ToolParams.Array(paint)).With("layer_id", layer),
            cancellationToken).ConfigureAwait(false);
    }
}
