using System.ComponentModel;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Looking at the model as data: bounds, the voxels in a box, and its colours.</summary>
[McpServerToolType]
public sealed class QueryTools(Workshop workshop)
{
    /// <summary>Most voxels one get_voxels_region call lists (the model's context is the limit, not the engine).</summary>
    public const int MaxRegionVoxels = 2000;

    private const int AllLayers = -2;

    /// <summary>get_bounding_box.</summary>
    [McpServerTool(Name = "get_bounding_box", Title = "Bounding box", ReadOnly = true), Description(
        "The inclusive box of cells that holds voxels: min, max and dimensions (max - min + 1), or empty:true.")]
    public Task<CallToolResult> BoundingBox(
        [Description("Layer id; omit for all layers.")] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.get_bounding_box", ToolParams.For(project_id).With("layer_id", layer_id ?? AllLayers), cancellationToken);

    /// <summary>get_voxels_region.</summary>
    [McpServerTool(Name = "get_voxels_region", Title = "Voxels in a box", ReadOnly = true), Description(
        "List the voxels inside the inclusive box min..max as compact rows [x,y,z,r,g,b,a], at most `limit` per call " +
        "(the answer says when more remain and which offset continues). Use get_bounding_box first to find where voxels are.")]
    public Task<CallToolResult> VoxelsInRegion(
        [Description("Inclusive lower corner [x,y,z].")] int[] min,
        [Description("Inclusive upper corner [x,y,z].")] int[] max,
        [Description("Most voxels to list, 1-2000.")] int limit = 500,
        [Description("Voxels to skip (to continue a listing).")] int offset = 0,
        [Description("Layer id; omit for all visible and hidden layers together.")] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            if (limit is < 1 or > MaxRegionVoxels) throw new ArgumentException($"limit must be 1-{MaxRegionVoxels}");
            if (offset < 0) throw new ArgumentException("offset must be 0 or more");
            var parameters = ToolParams.For(project_id)
                .With("min", ToolParams.Array(ToolParams.Cell(min, "min"))).With("max", ToolParams.Array(ToolParams.Cell(max, "max")))
                .With("limit", limit).With("offset", offset).With("layer_id", layer_id ?? AllLayers);
            return workshop.ReadAsync("goxel.get_voxels_region", parameters, cancellationToken, result => CompactRows(result, offset));
        });

    /// <summary>analyze_colors.</summary>
    [McpServerTool(Name = "analyze_colors", Title = "Colour analysis", ReadOnly = true), Description(
        "The model's colours by voxel count, most used first: hex \"#RRGGBBAA\", rgba, count and percentage, plus totals.")]
    public Task<CallToolResult> AnalyzeColors(
        [Description("How many colours to list (0 = all).")] int top = 16,
        [Description("Layer id; omit for all layers.")] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        workshop.ReadAsync("goxel.get_color_histogram",
            ToolParams.For(project_id).With("top_n", Math.Max(0, top)).With("sort_by_count", true).With("layer_id", layer_id ?? AllLayers),
            cancellationToken);

    /// <summary>find_voxels_by_color.</summary>
    [McpServerTool(Name = "find_voxels_by_color", Title = "Find voxels by colour", ReadOnly = true), Description(
        "Find the cells whose colour matches, within a per-channel tolerance: total matches and up to max_results locations.")]
    public Task<CallToolResult> FindByColor(
        [Description(VoxelColor.Help)] string? color = null,
        [Description(VoxelColor.RgbaHelp)] int[]? rgba = null,
        [Description("Allowed difference per channel, 0-255.")] int tolerance = 0,
        [Description("Most locations to list, 1-2000.")] int max_results = 100,
        [Description("Layer id; omit for all layers.")] int? layer_id = null,
        [Description(VoxelTools.ProjectIdHelp)] string? project_id = null,
        CancellationToken cancellationToken = default) =>
        Workshop.AnswerAsync(() =>
        {
            var target = VoxelColor.Resolve(color, rgba);
            if (max_results is < 1 or > MaxRegionVoxels) throw new ArgumentException($"max_results must be 1-{MaxRegionVoxels}");
            return workshop.ReadAsync("goxel.find_voxels_by_color",
                ToolParams.For(project_id).With("color", ToolParams.Array(target)).With("tolerance", Math.Clamp(tolerance, 0, 255))
                    .With("max_results", max_results).With("layer_id", layer_id ?? AllLayers),
                cancellationToken);
        });

    /// <summary>The daemon's voxel objects as rows, with a note when the listing stopped early.</summary>
    private static string CompactRows(JsonElement result, int offset)
    {
        var text = new StringBuilder();
        var shown = 0;
        text.Append("{\"voxels\":[");
        foreach (var voxel in result.GetProperty("voxels").EnumerateArray())
        {
            if (shown++ > 0) text.Append(',');
            text.Append('[').Append(voxel.GetProperty("x").GetInt32()).Append(',').Append(voxel.GetProperty("y").GetInt32()).Append(',')
                .Append(voxel.GetProperty("z").GetInt32());
            foreach (var channel in voxel.GetProperty("color").EnumerateArray()) text.Append(',').Append(channel.GetInt32());
            text.Append(']');
        }
        text.Append("],\"count\":").Append(shown);
        var truncated = result.TryGetProperty("truncated", out var t) && t.GetBoolean();
        text.Append(",\"truncated\":").Append(truncated ? "true" : "false").Append('}');
        if (truncated)
            text.Append("\nTruncated: more voxels are in this box than listed. Continue with offset=").Append(offset + shown)
                .Append(", or ask for a smaller box.");
        return text.ToString();
    }
}
