using System.Text.Json;

namespace Goxel.Client;

/// <summary>Writes named params straight to the request, leaving absent optional ones off the wire.</summary>
internal static class JsonParams
{
    public static Action<Utf8JsonWriter> Object(Action<Utf8JsonWriter> members) => writer =>
    {
        writer.WriteStartObject();
        members(writer);
        writer.WriteEndObject();
    };

    public static Action<Utf8JsonWriter> ProjectOnly(string? projectId) => Object(w => w.WriteOptional("project_id", projectId));

    public static void WriteOptional(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    public static void WriteOptional(this Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
    }

    public static void WriteOptional(this Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is { } v) writer.WriteBoolean(name, v);
    }

    public static void WritePosition(this Utf8JsonWriter writer, VoxelPosition p)
    {
        writer.WriteNumber("x"u8, p.X);
        writer.WriteNumber("y"u8, p.Y);
        writer.WriteNumber("z"u8, p.Z);
    }

    public static void WriteTriple(this Utf8JsonWriter writer, string name, VoxelPosition p)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(p.X);
        writer.WriteNumberValue(p.Y);
        writer.WriteNumberValue(p.Z);
        writer.WriteEndArray();
    }

    public static void WriteColor(this Utf8JsonWriter writer, string name, Rgba c, bool withAlpha = true)
    {
        writer.WriteStartArray(name);
        writer.WriteNumberValue(c.R);
        writer.WriteNumberValue(c.G);
        writer.WriteNumberValue(c.B);
        if (withAlpha) writer.WriteNumberValue(c.A);
        writer.WriteEndArray();
    }
}
