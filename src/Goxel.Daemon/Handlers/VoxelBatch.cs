using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Goxel.Core;
using Goxel.Protocol;

namespace Goxel.Daemon.Handlers;

/// <summary>
/// The voxel lists batch methods accept: "voxels" as objects ({x,y,z,r,g,b[,a]} or
/// {position, color}) or compact arrays [x,y,z,r,g,b(,a)]; or packed, "positions" as base64 of
/// little-endian int32 x,y,z triples with "colors" as base64 of RGBA bytes (or one "color").
/// </summary>
internal sealed class VoxelBatch
{
    // x, y, z per voxel, and packed colours: flat arrays, as packed batches arrive.
    private readonly int[] _positions;
    private readonly uint[] _colors;

    private VoxelBatch(int[] positions, uint[] colors, int count, int failed)
    {
        _positions = positions;
        _colors = colors;
        Count = count;
        Failed = failed;
    }

    /// <summary>Voxels that parsed.</summary>
    public int Count { get; }

    /// <summary>Items that were not voxels (only when parsing leniently).</summary>
    public int Failed { get; }

    /// <summary>
    /// Reads the batch. Strict: the first bad item throws -32602 naming its index. Lenient
    /// (the original add_voxels): bad items are counted in <see cref="Failed"/>.
    /// </summary>
    public static VoxelBatch Parse(RpcParams p, bool strict)
    {
        if (p.TryGet("positions", out var packedPositions)) return ParsePacked(p, packedPositions);
        if (!p.TryGet(0, "voxels", out var voxels)) throw RpcException.InvalidParams("Missing voxels parameter");
        if (voxels.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams("Invalid voxels parameter (must be array)");
        var length = voxels.GetArrayLength();
        var positions = new int[length * 3];
        var colors = new uint[length];
        int count = 0, failed = 0, index = 0;
        foreach (var item in voxels.EnumerateArray())
        {
            if (TryParseItem(item, out var position, out var color, out var reason))
            {
                positions[count * 3] = position.X;
                positions[count * 3 + 1] = position.Y;
                positions[count * 3 + 2] = position.Z;
                colors[count++] = color.Packed;
            }
            else if (strict) throw RpcException.InvalidParams($"Invalid voxel at index {index}: {reason}");
            else failed++;
            index++;
        }
        return new VoxelBatch(positions, colors, count, failed);
    }

    /// <summary>Writes voxels <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> into <paramref name="volume"/> in order.</summary>
    public void WriteTo(Volume volume, int from, int count) => volume.SetMany(_positions.AsSpan(from * 3, count * 3), _colors.AsSpan(from, count));

    private static VoxelBatch ParsePacked(RpcParams p, JsonElement encoded)
    {
        if (encoded.ValueKind != JsonValueKind.String || !encoded.TryGetBytesFromBase64(out var xyz))
            throw RpcException.InvalidParams("Invalid positions: expected base64 of int32 x,y,z triples");
        if (xyz.Length % 12 != 0) throw RpcException.InvalidParams($"Invalid positions: {xyz.Length} bytes is not a whole number of 12-byte x,y,z triples");
        var count = xyz.Length / 12;
        byte[]? rgba = null;
        var single = Rgba.White;
        if (p.TryGet("colors", out var colors))
        {
            if (colors.ValueKind != JsonValueKind.String || !colors.TryGetBytesFromBase64(out rgba))
                throw RpcException.InvalidParams("Invalid colors: expected base64 of RGBA bytes");
            if (rgba.Length != count * 4) throw RpcException.InvalidParams($"Invalid colors: {rgba.Length} bytes for {count} voxels (expected {count * 4})");
        }
        else if (p.TryGet("color", out var color)) single = VoxelParams.ParseColor(color);
        // The wire is little-endian, as is every machine .NET runs on today; swap if not.
        var positions = MemoryMarshal.Cast<byte, int>(xyz).ToArray();
        var packed = rgba is null ? Enumerable.Repeat(single.Packed, count).ToArray() : MemoryMarshal.Cast<byte, uint>(rgba).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.ReverseEndianness(positions, positions);
            BinaryPrimitives.ReverseEndianness(packed, packed);
        }
        return new VoxelBatch(positions, packed, count, 0);
    }

    private static bool TryParseItem(JsonElement item, out Int3 position, out Rgba color, out string reason)
    {
        position = default;
        color = default;
        reason = "";
        switch (item.ValueKind)
        {
            case JsonValueKind.Array:
                return TryCompact(item, out position, out color, out reason);
            case JsonValueKind.Object:
                if (item.TryGetProperty("position", out var pos))
                {
                    if (!TryPosition(pos, out position)) return Fail("position must be {x,y,z} or [x,y,z] of integers", out reason);
                }
                else if (!TryInts(item, ["x", "y", "z"], out position)) return Fail("x, y and z must be integers", out reason);
                if (item.TryGetProperty("color", out var c))
                {
                    try
                    {
                        color = VoxelParams.ParseColor(c);
                        return true;
                    }
                    catch (RpcException ex)
                    {
                        return Fail(ex.Message, out reason);
                    }
                }
                return TryChannels(item, out color, out reason);
            default:
                return Fail("expected an object or an array", out reason);
        }
    }

    private static bool TryCompact(JsonElement item, out Int3 position, out Rgba color, out string reason)
    {
        position = default;
        color = default;
        var n = item.GetArrayLength();
        if (n is not (6 or 7)) return Fail("compact voxels are [x,y,z,r,g,b] or [x,y,z,r,g,b,a]", out reason);
        Span<int> v = stackalloc int[7];
        v[6] = 255;
        for (var i = 0; i < n; i++)
            if (item[i].ValueKind != JsonValueKind.Number || !item[i].TryGetInt32(out v[i])) return Fail("compact voxel values must be integers", out reason);
        for (var i = 3; i < 7; i++)
            if (v[i] is < 0 or > 255) return Fail("colour channels must be 0-255", out reason);
        position = new Int3(v[0], v[1], v[2]);
        color = new Rgba((byte)v[3], (byte)v[4], (byte)v[5], (byte)v[6]);
        reason = "";
        return true;
    }

    private static bool TryChannels(JsonElement item, out Rgba color, out string reason)
    {
        color = default;
        Span<int> v = stackalloc int[4];
        v[3] = 255;
        ReadOnlySpan<string> names = ["r", "g", "b", "a"];
        for (var i = 0; i < 4; i++)
        {
            if (!item.TryGetProperty(names[i], out var e))
            {
                if (i < 3) return Fail("r, g and b (or color) are required", out reason);
                continue;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out v[i]) || v[i] is < 0 or > 255)
                return Fail("colour channels must be integers 0-255", out reason);
        }
        color = new Rgba((byte)v[0], (byte)v[1], (byte)v[2], (byte)v[3]);
        reason = "";
        return true;
    }

    private static bool TryPosition(JsonElement e, out Int3 position)
    {
        position = default;
        if (e.ValueKind == JsonValueKind.Object) return TryInts(e, ["x", "y", "z"], out position);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 3) return false;
        if (!e[0].TryGetInt32Strict(out var x) || !e[1].TryGetInt32Strict(out var y) || !e[2].TryGetInt32Strict(out var z)) return false;
        position = new Int3(x, y, z);
        return true;
    }

    private static bool TryInts(JsonElement e, ReadOnlySpan<string> names, out Int3 position)
    {
        position = default;
        Span<int> v = stackalloc int[3];
        for (var i = 0; i < 3; i++)
            if (!e.TryGetProperty(names[i], out var value) || !value.TryGetInt32Strict(out v[i])) return false;
        position = new Int3(v[0], v[1], v[2]);
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}

/// <summary>Strict integer reads for batch items.</summary>
internal static class JsonElementIntegers
{
    /// <summary>The value as an int32 when it is a JSON integer in range.</summary>
    public static bool TryGetInt32Strict(this JsonElement e, out int value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }
}
