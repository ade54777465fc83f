using System.ComponentModel;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Adding, removing and painting voxels, one or many at a time.</summary>
[McpServerToolType]
public sealed class VoxelTools(Workshop workshop)
{
    internal const string ProjectIdHelp = "Project to act on; omit for the current project.";
    internal const string LayerHelp = "Layer id (see list_layers); omit for the active layer.";
    private const string RowsHelp =
        "Voxels as compact rows of integers: [x,y,z] (takes color/rgba, else white), [x,y,z,r,g,b] or [x,y,z,r,g,b,a]. " +
        "Cells are integer coordinates, Z is up. Example: [[0,0,0],[1,0,0,255,0,0]].";

    /// <summary>add_voxels.</summary>
    [McpServerTool(Name = "add_voxels", Title = "Add voxels"), Description(
        "Set one or many voxels in one undoable step (existing voxels at those cells are replaced). " +
        "Prefer one call with many rows over many calls.")]
    public Task<CallToolResult> AddVoxels(McpServer server,
        [Description(RowsHelp)] int[][] voxels,
        [Description(VoxelColor.Help + " Used by rows without their own colour.")] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(LayerHelp)] int? layer_id = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            var fallback = VoxelColor.Resolve(color, rgba, VoxelColor.White);
            var rows = new JsonArray();
            foreach (var row in voxels) rows.Add((JsonNode?)ToolParams.Array(ColouredRow(row, fallback)));
            return workshop.EditAsync(server, "goxel.add_voxel_batch",
                ToolParams.For(project_id).With("voxels", rows).With("layer_id", layer_id), cancellationToken);
        });

    /// <summary>remove_voxels.</summary>
    [McpServerTool(Name = "remove_voxels", Title = "Remove voxels", Destructive = true), Description(
        "Empty one or many cells in one undoable step; cells already empty are fine.")]
    public Task<CallToolResult> RemoveVoxels(McpServer server,
        [Description("Cells as [[x,y,z], ...].")] int[][] cells,
        [Description(LayerHelp)] int? layer_id = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(async () =>
        {
            var layer = await workshop.LayerOrActiveAsync(layer_id, project_id, cancellationToken).ConfigureAwait(false);
            var operations = new JsonArray();
            foreach (var cell in cells)
            {
                var c = ToolParams.Cell(cell, "each cell");
                operations.Add((JsonNode)new JsonObject { ["type"] = "remove_voxel", ["x"] = c[0], ["y"] = c[1], ["z"] = c[2], ["layer_id"] = layer });
            }
            return await workshop.EditAsync(server, "goxel.batch_operations", ToolParams.For(project_id).With("operations", operations),
                cancellationToken).ConfigureAwait(false);
        });

    /// <summary>paint_voxels.</summary>
    [McpServerTool(Name = "paint_voxels", Title = "Paint voxels"), Description(
        "Recolour existing voxels without adding new ones: the listed cells, or every voxel in the inclusive box min..max. " +
        "Cells that are empty stay empty (and are counted as failed).")]
    public Task<CallToolResult> PaintVoxels(McpServer server,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description("Cells to repaint as [[x,y,z], ...]; or give min and max instead.")] int[][]? cells = null,
        [Description("Inclusive lower corner [x,y,z] of a box to repaint.")] int[]? min = null,
        [Description("Inclusive upper corner [x,y,z] of a box to repaint.")] int[]? max = null,
        [Description(LayerHelp)] int? layer_id = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(async () =>
        {
            var paint = VoxelColor.Resolve(color, rgba);
            if ((cells is null) == (min is null || max is null))
                throw new ArgumentException("give either cells, or both min and max");
            var layer = await workshop.LayerOrActiveAsync(layer_id, project_id, cancellationToken).ConfigureAwait(false);
            if (cells is null)
            {
                var region = new JsonObject { ["min"] = ToolParams.Array(ToolParams.Cell(min!, "min")), ["max"] = ToolParams.Array(ToolParams.Cell(max!, "max")) };
                return await workshop.EditAsync(server, "goxel.paint_voxels",
                    ToolParams.For(project_id).With("region", region).With("color", ToolParams.Array(paint)).With("layer_id", layer),
                    cancellationToken).ConfigureAwait(false);
            }
            var operations = new JsonArray();
            foreach (var cell in cells)
            {
                var c = ToolParams.Cell(cell, "each cell");
                operations.Add((JsonNode)new JsonObject
                {
                    ["type"] = "paint_voxel", ["x"] = c[0], ["y"] = c[1], ["z"] = c[2], ["color"] = ToolParams.Array(paint), ["layer_id"] = layer,
                });
            }
            return await workshop.EditAsync(server, "goxel.batch_operations", ToolParams.For(project_id).With("operations", operations),
                cancellationToken).ConfigureAwait(false);
        });

    /// <summary>flood_fill.</summary>
    [McpServerTool(Name = "flood_fill", Title = "Flood fill"), Description(
        "Recolour the 6-connected region of same-coloured voxels that contains the start cell (like a paint bucket). " +
        "Starting on an empty cell fills the connected empty space inside the project's box.")]
    public Task<CallToolResult> FloodFill(McpServer server,
        [Description("Start cell [x,y,z].")] int[] start,
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description(LayerHelp)] int? layer_id = null,
        [Description(ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(async () =>
        {
            var fill = VoxelColor.Resolve(color, rgba);
            var c = ToolParams.Cell(start, "start");
            var layer = await workshop.LayerOrActiveAsync(layer_id, project_id, cancellationToken).ConfigureAwait(false);
            return await workshop.EditAsync(server, "goxel.flood_fill",
                ToolParams.For(project_id).With("x", c[0]).With("y", c[1]).With("z", c[2]).With("color", ToolParams.Array(fill)).With("layer_id", layer),
                cancellationToken).ConfigureAwait(false);
        });

    /// <summary>A row as [x,y,z,r,g,b,a], its colour from the row or <paramref name="fallback"/>.</summary>
    private static int[] ColouredRow(int[] row, int[] fallback) => row.Length switch
    {
        3 => [row[0], row[1], row[2], .. fallback],
        6 or 7 => [row[0], row[1], row[2], .. VoxelColor.FromArray(row.AsSpan(3), "a row's colour")],
        _ => throw new ArgumentException($"each voxel row must be [x,y,z], [x,y,z,r,g,b] or [x,y,z,r,g,b,a]; got {row.Length} numbers"),
    };
}
