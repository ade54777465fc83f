using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Goxel.Core;
using Goxel.Daemon.Projects;

namespace Goxel.Daemon.Viewer;

/// <summary>The viewer API's JSON documents (docs/viewer.md), written by hand: snake_case, no reflection.</summary>
internal static class ProjectJson
{
    /// <summary>A listing row of a project: in memory, read under its gate; paged out, from its summary.</summary>
    public static void WriteSummary(Utf8JsonWriter w, OpenProject open)
    {
        (string Name, int Layers, long Voxels) facts;
        using (open.Gate.EnterScope()) facts = open.IsLoaded ? (open.Project.Name, open.Project.Layers.Count, open.Project.VoxelCount) : open.Summary;
        w.WriteStartObject();
        w.WriteString("id", open.Id);
        w.WriteString("name", facts.Name);
        w.WriteNumber("voxel_count", facts.Voxels);
        w.WriteNumber("layers", facts.Layers);
        w.WriteNumber("version", open.Version);
        WriteTime(w, "last_change", open.LastChange);
        w.WriteEndObject();
    }

    /// <summary>One project in full: its layers and the box of its voxels, from a snapshot.</summary>
    public static void WriteProject(Utf8JsonWriter w, string id, Project snapshot)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("name", snapshot.Name);
        w.WriteNumber("version", snapshot.Version);
        w.WriteNumber("voxel_count", snapshot.VoxelCount);
        WriteTime(w, "last_change", snapshot.LastChange);
        w.WritePropertyName("layers");
        WriteLayers(w, snapshot.Layers.Select(l => new LayerView(l.Id, l.Name, l.Visible, l.Color, l.Volume.Blocks)));
        if (Project.Bounds(snapshot.Layers) is { } box)
        {
            w.WriteStartObject("bounds");
            WriteTriple(w, "min", box.Min);
            WriteTriple(w, "max", box.Max);
            w.WriteEndObject();
        }
        else w.WriteNull("bounds");
        w.WriteEndObject();
    }

    /// <summary>The layers array: id, name, visible and colour (the layer's own, else Goxel's default white).</summary>
    public static void WriteLayers(Utf8JsonWriter w, IEnumerable<LayerView> layers)
    {
        w.WriteStartArray();
        foreach (var layer in layers)
        {
            w.WriteStartObject();
            w.WriteNumber("id", layer.Id);
            w.WriteString("name", layer.Name);
            w.WriteBoolean("visible", layer.Visible);
            var color = layer.Color ?? Rgba.White;
            w.WriteStartArray("color");
            w.WriteNumberValue(color.R);
            w.WriteNumberValue(color.G);
            w.WriteNumberValue(color.B);
            w.WriteNumberValue(color.A);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>The UTF-8 bytes of a document written by <paramref name="write"/>.</summary>
    public static ReadOnlyMemory<byte> Document(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenMemory;
    }

    private static void WriteTriple(Utf8JsonWriter w, string name, Int3 p)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(p.X);
        w.WriteNumberValue(p.Y);
        w.WriteNumberValue(p.Z);
        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTime utc) =>
        w.WriteString(name, utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
