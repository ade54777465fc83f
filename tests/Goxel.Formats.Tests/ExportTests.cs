using System.Text.Json;
using Goxel.Core;
using Goxel.Formats.Mesh;

namespace Goxel.Formats.Tests;

/// <summary>Exports checked by independent tools (assimp, the Khronos glTF validator, vox-reader).</summary>
public sealed class ExportTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("goxel-export-");
    private readonly ProjectFiles _files;

    public ExportTests() => _files = new ProjectFiles(new PathPolicy(_folder.FullName));

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void VoxOutputReadsBackInVoxReader()
    {
        var project = RandomProjects.Make(51, palette: 100, hidden: true);
        project.Layers[2].Volume.FillBox(new VoxelBox(new Int3(-200, 0, 0), new Int3(300, 3, 2)), new Rgba(1, 2, 3, 255));
        var path = _files.Export(project, "scene.vox");
        using var doc = Validators.VoxReader(path);
        var cells = VoxReaderCells(doc.RootElement);
        Fixtures.AssertSameCells(Fixtures.Cells(Flattening.VisibleLayers(project)), cells);
    }

    // Rebuilds world voxels from vox-reader's parse: every model placed at
    // v - floor(size / 2) + the translations of the transforms above its shape node.
    private static Dictionary<Int3, Rgba> VoxReaderCells(JsonElement root)
    {
        static JsonElement[] Many(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : [e];
        var sizes = Many(root.GetProperty("size"));
        var models = Many(root.GetProperty("xyzi"));
        var palette = root.GetProperty("rgba").GetProperty("values").EnumerateArray().ToArray();
        var nodes = new Dictionary<int, JsonElement>();
        foreach (var kind in new[] { "ntrn", "ngrp", "nshp" })
            if (root.TryGetProperty(kind, out var list))
                foreach (var n in Many(list)) nodes[n.GetProperty("nodeId").GetInt32()] = n;
        var cells = new Dictionary<Int3, Rgba>();
        void Walk(int id, Int3 offset)
        {
            var node = nodes[id];
            if (node.TryGetProperty("frames", out var frames))
            {
                var frame = frames[0];
                if (frame.TryGetProperty("_r", out var r)) Assert.Equal("4", r.GetString());
                if (frame.TryGetProperty("_t", out var t))
                {
                    var p = t.GetString()!.Split(' ').Select(int.Parse).ToArray();
                    offset = new Int3(offset.X + p[0], offset.Y + p[1], offset.Z + p[2]);
                }
                Walk(node.GetProperty("child").GetInt32(), offset);
            }
            else if (node.TryGetProperty("children", out var children))
            {
                foreach (var c in children.EnumerateArray()) Walk(c.GetInt32(), offset);
            }
            else
            {
                foreach (var m in node.GetProperty("models").EnumerateArray())
                {
                    var index = m[0].GetInt32();
                    var size = sizes[index];
                    int w = size.GetProperty("x").GetInt32(), h = size.GetProperty("y").GetInt32(), d = size.GetProperty("z").GetInt32();
                    foreach (var v in models[index].GetProperty("values").EnumerateArray())
                    {
                        var c = palette[v.GetProperty("i").GetInt32() - 1];
                        var p = new Int3(v.GetProperty("x").GetInt32() - w / 2 + offset.X, v.GetProperty("y").GetInt32() - h / 2 + offset.Y, v.GetProperty("z").GetInt32() - d / 2 + offset.Z);
                        cells[p] = new Rgba((byte)c.GetProperty("r").GetInt32(), (byte)c.GetProperty("g").GetInt32(), (byte)c.GetProperty("b").GetInt32(), 255);
                    }
                }
            }
        }
        Walk(0, default);
        return cells;
    }
}
