using System.Globalization;
using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

internal sealed partial class DaemonMethods
{
    private void RegisterColors()
    {
        Register("goxel.get_color_histogram", ColorHistogram);
        Register("goxel.find_voxels_by_color", FindVoxelsByColor);
        Register("goxel.get_unique_colors", UniqueColors);
    }

    /// <summary>The query of a colour analysis: layer_id (-1 active, -2 all, id) and region.</summary>
    private VoxelQuery AnalysisQuery(Project project, RpcParams p) =>
        new(LayerParams.Select(project, p.GetInt("layer_id", LayerParams.Active), "Color analysis failed"),
            LayerParams.Region(p), null);

    /// <summary>Voxel counts per colour, with RGB channels binned when <paramref name="bin"/> &gt; 1.</summary>
    private static Dictionary<Rgba, long> CountColors(VoxelQuery query, int bin)
    {
        var counts = new Dictionary<Rgba, long>();
        foreach (var (_, voxel) in query.Voxels())
        {
            var c = voxel.Color;
            if (bin > 1) c = new Rgba(Bin(c.R, bin), Bin(c.G, bin), Bin(c.B, bin), c.A);
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        return counts;
    }

    /// <summary>The centre of the bin a channel falls in; clamped (the original wrapped past 255).</summary>
    private static byte Bin(byte channel, int bin) => (byte)Math.Min(255, channel / bin * bin + bin / 2);

    private static IEnumerable<KeyValuePair<Rgba, long>> Order(Dictionary<Rgba, long> counts, bool byCount) => byCount
        ? counts.OrderByDescending(e => e.Value).ThenBy(e => e.Key.Packed)
        : counts.OrderBy(e => (uint)(e.Key.R << 24 | e.Key.G << 16 | e.Key.B << 8 | e.Key.A));

    private void ColorHistogram(RpcParams p, Utf8JsonWriter w)
    {
        var bin = Math.Max(0, p.GetInt("bin_size", 0));
        var byCount = p.GetBool("sort_by_count", true);
        var top = Math.Max(0, p.GetInt("top_n", 0));
        var counts = Read(Resolve(p, RpcErrorCode.InternalError, "Color analysis failed"), project => CountColors(AnalysisQuery(project, p), bin));
        var total = counts.Values.Sum();
        var ordered = Order(counts, byCount);
        if (top > 0) ordered = ordered.Take(top);
        w.WriteStartObject();
        w.WriteStartArray("histogram");
        foreach (var (color, count) in ordered)
        {
            w.WriteStartObject();
            w.WriteString("color", color.ToHex());
            w.WriteRgba("rgba", color);
            w.WriteNumber("count", count);
            WriteDouble(w, "percentage", total == 0 ? 0 : count * 100.0 / total);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("total_voxels", total);
        w.WriteNumber("unique_colors", counts.Count);
        w.WriteStartObject("metadata");
        w.WriteBoolean("binned", bin > 1);
        if (bin > 1) w.WriteNumber("bin_size", bin);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void FindVoxelsByColor(RpcParams p, Utf8JsonWriter w)
    {
        if (!p.TryGet("color", out var colorParam) || colorParam.ValueKind != JsonValueKind.Array || colorParam.GetArrayLength() is < 3 or > 4)
            throw RpcException.InvalidParams("Color parameter must be an array of [r,g,b] or [r,g,b,a]");
        var target = VoxelQuery.Channels(colorParam, "color", 255);
        var tolerance = Tolerance(p);
        var maxResults = Math.Max(0, p.GetInt("max_results", 1000));
        var withLocations = p.GetBool("include_locations", true);
        bool Matches(Rgba c) =>
            Math.Abs(c.R - target.R) <= tolerance.R && Math.Abs(c.G - target.G) <= tolerance.G
            && Math.Abs(c.B - target.B) <= tolerance.B && Math.Abs(c.A - target.A) <= tolerance.A;
        var (count, found) = Read(Resolve(p, RpcErrorCode.InternalError, "Color analysis failed"), project =>
        {
            var all = 0L;
            var kept = new List<(int, Voxel)>();
            foreach (var match in AnalysisQuery(project, p).Voxels())
            {
                if (!Matches(match.Voxel.Color)) continue;
                all++;
                if (withLocations && (maxResults == 0 || kept.Count < maxResults)) kept.Add(match);
            }
            return (all, kept);
        });
        w.WriteStartObject();
        w.WriteString("target_color", target.ToHex());
        w.WriteNumber("match_count", count);
        w.WriteBoolean("truncated", maxResults != 0 && count > maxResults);
        if (withLocations)
        {
            w.WriteStartArray("locations");
            foreach (var (layer, voxel) in found)
            {
                w.WriteStartObject();
                w.WriteNumber("x", voxel.Position.X);
                w.WriteNumber("y", voxel.Position.Y);
                w.WriteNumber("z", voxel.Position.Z);
                w.WriteNumber("layer_id", layer);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartObject("metadata");
        w.WriteRgba("tolerance", tolerance);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>tolerance: one integer for all four channels, or [r,g,b(,a=0)].</summary>
    private static Rgba Tolerance(RpcParams p)
    {
        if (!p.TryGet("tolerance", out var e)) return Rgba.Empty;
        if (RpcParams.TryInt(e, out var t))
        {
            var v = (byte)Math.Clamp(t, 0, 255);
            return new Rgba(v, v, v, v);
        }
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() is 3 or 4) return VoxelQuery.Channels(e, "tolerance", 0);
        throw RpcException.InvalidParams("Parameter 'tolerance' must be an integer or an array of [r,g,b] or [r,g,b,a]");
    }

    private void UniqueColors(RpcParams p, Utf8JsonWriter w)
    {
        var merge = p.GetBool("merge_similar", false);
        var threshold = Math.Max(1, p.GetInt("merge_threshold", 10));
        var byCount = p.GetBool("sort_by_count", false);
        var counts = Read(Resolve(p, RpcErrorCode.InternalError, "Color analysis failed"), project => CountColors(AnalysisQuery(project, p), merge ? threshold : 0));
        w.WriteStartObject();
        w.WriteStartArray("colors");
        foreach (var (color, count) in Order(counts, byCount))
        {
            w.WriteStartObject();
            w.WriteString("hex", color.ToHex());
            w.WriteRgba("rgba", color);
            w.WriteNumber("count", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("count", counts.Count);
        w.WriteStartObject("metadata");
        w.WriteNumber("layer_id", p.GetInt("layer_id", LayerParams.Active));
        w.WriteBoolean("sorted_by_count", byCount);
        if (merge) w.WriteNumber("merge_threshold", threshold);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>A double that stays a double on the wire: 50 is written 50.0, as the original's %f did.</summary>
    private static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        w.WritePropertyName(name);
        w.WriteRawValue(text.Contains('.') || text.Contains('E') ? text : text + ".0", skipInputValidation: true);
    }
}
