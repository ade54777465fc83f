using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// Positions and colours as the original reads them (spec 2.3 and 2.4), plus the documented
/// extensions: "position" as {x,y,z} or [x,y,z], top-level r,g,b,a, colour components
/// clamped instead of wrapped, and a bare [x,y,z] meaning white like the object form.
/// </summary>
internal static class VoxelParams
{
    /// <summary>x, y, z at positions 0-2 or by name, else from "position"; required, within <see cref="Coordinates.Limit"/>.</summary>
    public static Int3 Position(RpcParams p)
    {
        if (p.IsObject && !p.Has("x") && !p.Has("y") && !p.Has("z") && p.TryGet("position", out var position))
            return ParsePosition(position, "position");
        return new Int3(Coordinate(p, 0, "x"), Coordinate(p, 1, "y"), Coordinate(p, 2, "z"));
    }

    /// <summary>A required coordinate param within the valid range.</summary>
    public static int Coordinate(RpcParams p, int index, string name) =>
        p.RequireInt(index, name, -Coordinates.Limit, Coordinates.Limit);

    /// <summary>A position given as {x,y,z} or [x,y,z] in param <paramref name="name"/>, each part within the valid range.</summary>
    public static Int3 ParsePosition(JsonElement e, string name)
    {
        if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 3)
            return new Int3(Part(e[0], $"{name}[0]"), Part(e[1], $"{name}[1]"), Part(e[2], $"{name}[2]"));
        if (e.ValueKind != JsonValueKind.Object) throw RpcParams.WrongType(name, "{x, y, z} or [x, y, z]", e);
        return new Int3(Member(e, name, "x"), Member(e, name, "y"), Member(e, name, "z"));

        static int Member(JsonElement e, string name, string axis) => e.TryGetProperty(axis, out var v) && v.ValueKind != JsonValueKind.Null
            ? Part(v, $"{name}.{axis}")
            : throw RpcException.InvalidParams($"Invalid params: '{name}.{axis}' is required (an integer from {-Coordinates.Limit} to {Coordinates.Limit})");

        static int Part(JsonElement v, string name) => RpcParams.Integer(v, name, -Coordinates.Limit, Coordinates.Limit);
    }

    /// <summary>The colour of an add_voxel-style request, positional (indices 3-6) or named.</summary>
    public static Rgba Color(RpcParams p)
    {
        if (p.IsArray) return PositionalColor(p);
        if (p.TryGet("color", out var color)) return ParseColor(color);
        if (p.Has("r") || p.Has("g") || p.Has("b"))
            return new Rgba(Channel(p, -1, "r", 0), Channel(p, -1, "g", 0), Channel(p, -1, "b", 0), Channel(p, -1, "a", 255));
        return Rgba.White;
    }

    /// <summary>A colour value: [r,g,b(,a)], {r,g,b(,a)} or "#RRGGBB[AA]".</summary>
    public static Rgba ParseColor(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Rgba.FromHex(e.GetString()!) ?? throw RpcException.InvalidParams("Invalid hex color format");
            case JsonValueKind.Array when e.GetArrayLength() >= 3:
                var arr = new RpcParams(e);
                return new Rgba(Channel(arr, 0, "", 255), Channel(arr, 1, "", 255), Channel(arr, 2, "", 255), Channel(arr, 3, "", 255));
            case JsonValueKind.Object:
                var obj = new RpcParams(e);
                if (!obj.Has("r") || !obj.Has("g") || !obj.Has("b"))
                    throw RpcException.InvalidParams("Color object missing r, g, b fields");
                return new Rgba(Channel(obj, -1, "r", 0), Channel(obj, -1, "g", 0), Channel(obj, -1, "b", 0), Channel(obj, -1, "a", 255));
            default:
                throw RpcException.InvalidParams("Invalid color: expected [r, g, b(, a)], {r, g, b(, a)} or \"#RRGGBB[AA]\"");
        }
    }

    private static Rgba PositionalColor(RpcParams p)
    {
        if (p.Count <= 3) return Rgba.White;
        if (p.TryGetValue(3, "", out var first) && first.ValueKind == JsonValueKind.String)
            return Rgba.FromHex(first.GetString()!) ?? throw RpcException.InvalidParams("Invalid hex color in array");
        return new Rgba(Channel(p, 3, "", 0), Channel(p, 4, "", 0), Channel(p, 5, "", 0), Channel(p, 6, "", 255));
    }

    /// <summary>
    /// One channel: integers clamped to 0-255; fractions in [0, 1] scaled by 255 (truncated, as
    /// the original); other finite numbers clamped; absent gives the fallback, anything else is refused.
    /// </summary>
    private static byte Channel(RpcParams p, int index, string name, byte fallback)
    {
        if (p.TryGetInteger(index, name, out var integer)) return (byte)Math.Clamp(integer, 0, 255);
        if (!p.TryGetValue(index, name, out var v)) return fallback;
        if (v.ValueKind != JsonValueKind.Number) throw RpcParams.WrongType(p.Name(index, name), "a number from 0 to 255", v.Element);
        if (v.TryGetInt64(out var i)) return (byte)Math.Clamp(i, 0, 255);
        var d = v.Element.GetDouble();
        if (d is >= 0 and <= 1) return (byte)(d * 255);
        return (byte)Math.Clamp(d, 0, 255);
    }
}
