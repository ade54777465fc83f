using System.Text.Json;
using System.Text.Json.Serialization;

namespace Goxel.Client;

/// <summary>A voxel cell (signed 32-bit, Z up). On the wire: <c>[x, y, z]</c>.</summary>
[JsonConverter(typeof(VoxelPositionJsonConverter))]
public readonly record struct VoxelPosition(int X, int Y, int Z)
{
    /// <summary><c>x,y,z</c>: the key that makes two voxels the same cell.</summary>
    public override string ToString() => $"{X},{Y},{Z}";
}

/// <summary>A voxel to write: where and what colour.</summary>
public readonly record struct Voxel(VoxelPosition Position, Rgba Color)
{
    /// <summary>A voxel from coordinates.</summary>
    public Voxel(int x, int y, int z, Rgba color) : this(new VoxelPosition(x, y, z), color) { }
}

/// <summary>Reads and writes <see cref="VoxelPosition"/> as <c>[x, y, z]</c>.</summary>
public sealed class VoxelPositionJsonConverter : JsonConverter<VoxelPosition>
{
    /// <inheritdoc/>
    public override VoxelPosition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("position must be an array");
        Span<int> p = [0, 0, 0];
        var i = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (i < 3) p[i] = reader.GetInt32();
            i++;
        }
        return new VoxelPosition(p[0], p[1], p[2]);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, VoxelPosition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.X);
        writer.WriteNumberValue(value.Y);
        writer.WriteNumberValue(value.Z);
        writer.WriteEndArray();
    }
}
