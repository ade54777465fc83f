using System.Text.Json;
using Goxel.Core;

namespace Goxel.Daemon.Handlers;

/// <summary>How voxel-domain values appear in results.</summary>
internal static class ResultWriting
{
    /// <summary>A colour as [r, g, b, a].</summary>
    public static void WriteRgba(this Utf8JsonWriter w, string name, Rgba c)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(c.R);
        w.WriteNumberValue(c.G);
        w.WriteNumberValue(c.B);
        w.WriteNumberValue(c.A);
        w.WriteEndArray();
    }

    /// <summary>A position or size as [x, y, z].</summary>
    public static void WriteInt3(this Utf8JsonWriter w, string name, Int3 p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }
}
