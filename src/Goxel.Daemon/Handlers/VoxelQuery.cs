using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

/// <summary>Which voxels a read looks at: layers, an optional region, an optional colour filter.</summary>
internal sealed class VoxelQuery(IReadOnlyList<Layer> layers, VoxelBox? region, Func<Rgba, bool>? filter)
{
    /// <summary>The layers read.</summary>
    public IReadOnlyList<Layer> Layers { get; } = layers;

    /// <summary>Every matching voxel with the id of its layer.</summary>
    public IEnumerable<(int LayerId, Voxel Voxel)> Voxels()
    {
        foreach (var layer in Layers)
        {
            var voxels = region is { } box ? layer.Volume.Within(box) : layer.Volume.GetEnumerator();
            foreach (var voxel in voxels)
                if (filter is null || filter(voxel.Color)) yield return (layer.Id, voxel);
        }
    }

    /// <summary>
    /// A color_filter [r,g,b(,a)]: RGB must match exactly; alpha too when the filter gives one
    /// other than 0 or 255 (the original's rule).
    /// </summary>
    public static Func<Rgba, bool>? ColorFilter(RpcParams p)
    {
        if (!p.TryGet("color_filter", out var e)) return null;
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() is < 3 or > 4)
            throw RpcException.InvalidParams("Parameter 'color_filter' must be an array of [r,g,b] or [r,g,b,a]");
        var want = Channels(e, "color_filter", 255);
        var alpha = want.A is not (0 or 255);
        return c => c.R == want.R && c.G == want.G && c.B == want.B && (!alpha || c.A == want.A);
    }

    /// <summary>An [r,g,b(,a)] array of integers 0-255; a missing alpha is <paramref name="alpha"/>.</summary>
    public static Rgba Channels(JsonElement e, string name, byte alpha)
    {
        Span<int> v = stackalloc int[4];
        v[3] = alpha;
        for (var i = 0; i < e.GetArrayLength(); i++)
            if (!e[i].TryGetInt32Strict(out v[i]) || v[i] is < 0 or > 255)
                throw RpcException.InvalidParams($"Parameter '{name}' must hold integers 0-255");
        return new Rgba((byte)v[0], (byte)v[1], (byte)v[2], (byte)v[3]);
    }
}
