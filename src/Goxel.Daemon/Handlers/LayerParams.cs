using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

/// <summary>Layer and region parameters shared by the query methods.</summary>
internal static class LayerParams
{
    /// <summary>layer_id -1 (or absent or 0): the active layer.</summary>
    public const int Active = -1;

    /// <summary>layer_id -2: every layer.</summary>
    public const int All = -2;

    /// <summary>The layers a layer_id names: -1 active, -2 all, else that layer.</summary>
    /// <remarks>An unknown layer is -32602 whatever <paramref name="failure"/> says: the request named something that is not there.</remarks>
    public static IReadOnlyList<Layer> Select(Project project, int layerId, string failure) => layerId switch
    {
        All => project.Layers,
        Active or 0 => [project.ActiveLayer],
        _ => [project.FindLayer(layerId) ?? throw NoLayer(layerId, failure)],
    };

    /// <summary>The layer a layer_id names, the active one for -1, 0 or absent.</summary>
    public static Layer One(Project project, int layerId, string failure) =>
        layerId is Active or 0 ? project.ActiveLayer : project.FindLayer(layerId) ?? throw NoLayer(layerId, failure);

    /// <summary>-32602 for a layer_id that names no layer.</summary>
    public static RpcException NoLayer(int layerId, string failure) =>
        RpcException.InvalidParams($"{failure}: 'layer_id' {layerId} names no layer");

    /// <summary>An [x, y, z] array of integers named <paramref name="name"/>.</summary>
    public static Int3 Triple(JsonElement e, string name)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3)
            throw RpcException.InvalidParams($"Parameter '{name}' must be an array of 3 integers");
        Span<int> v = stackalloc int[3];
        for (var i = 0; i < 3; i++)
        {
            if (e[i].ValueKind != JsonValueKind.Number) throw RpcException.InvalidParams("Min/max arrays must contain integers");
            v[i] = RpcParams.Integer(e[i], name, i, -Coordinates.Limit, Coordinates.Limit);
        }
        return new Int3(v[0], v[1], v[2]);
    }

    /// <summary>A box from "min" and "max" members of <paramref name="e"/>, corners in any order.</summary>
    public static VoxelBox Box(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("min", out var min))
            throw RpcException.InvalidParams("Parameter 'min' must be an array of 3 integers");
        if (!e.TryGetProperty("max", out var max)) throw RpcException.InvalidParams("Parameter 'max' must be an array of 3 integers");
        return VoxelBox.FromCorners(Triple(min, "min"), Triple(max, "max"));
    }

    /// <summary>The optional "region": {min, max}.</summary>
    public static VoxelBox? Region(RpcParams p) => p.TryGet("region", out var region) ? Box(region) : null;
}
