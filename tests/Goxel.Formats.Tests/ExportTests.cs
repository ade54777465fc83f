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

    [Theory]
    [InlineData("crabby.vox")]
    [InlineData("cubictest.vox")]
    [InlineData("rgb.vox")]
    [InlineData("rgb_small.vox")]
    [InlineData("magicavoxel.vox")]
    [InlineData("gox-shape-3-layers.vox")]
    public void VoxFixturesReadLikeVoxReader(string name)
    {
        using var doc = Validators.VoxReader(Fixtures.PathOf(name));
        var expected = VoxReaderCells(doc.RootElement);
        Fixtures.AssertSameCells(expected, Fixtures.Cells(Flattening.VisibleLayers(Fixtures.Load(name))));
    }

    // Rebuilds world voxels from vox-reader's parse: every model placed at
    // v - floor(size / 2) + the translations of the transforms above its shape node.
    private static Dictionary<Int3, Rgba> VoxReaderCells(JsonElement root)
    {
        static JsonElement[] Many(JsonElement e) => e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : [e];
        var sizes = Many(root.GetProperty("size"));
        var models = Many(root.GetProperty("xyzi"));
        // Without an RGBA chunk vox-reader gives no palette: MagicaVoxel's default applies.
        var palette = root.TryGetProperty("rgba", out var rgba)
            ? rgba.GetProperty("values").EnumerateArray().Select(c => new Rgba((byte)c.GetProperty("r").GetInt32(), (byte)c.GetProperty("g").GetInt32(), (byte)c.GetProperty("b").GetInt32(), 255)).ToArray()
            : Goxel.Formats.Vox.VoxPalette.Default[1..];
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
                // Hidden layers are in the file, flagged as MagicaVoxel flags hidden objects.
                if (node.TryGetProperty("nodeAttributes", out var attributes) && attributes.TryGetProperty("_hidden", out var hidden) && hidden.GetString() == "1") return;
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
                foreach (var m in node.GetProperty("models").EnumerateArray()) Place(m[0].GetInt32(), offset);
            }
        }
        void Place(int index, Int3 offset)
        {
            var size = sizes[index];
            int w = size.GetProperty("x").GetInt32(), h = size.GetProperty("y").GetInt32(), d = size.GetProperty("z").GetInt32();
            foreach (var v in models[index].GetProperty("values").EnumerateArray())
            {
                var p = new Int3(v.GetProperty("x").GetInt32() - w / 2 + offset.X, v.GetProperty("y").GetInt32() - h / 2 + offset.Y, v.GetProperty("z").GetInt32() - d / 2 + offset.Z);
                cells[p] = palette[v.GetProperty("i").GetInt32() - 1];
            }
        }
        if (nodes.ContainsKey(0)) Walk(0, default);
        else
            for (var i = 0; i < models.Length; i++)
                Place(i, default);
        return cells;
    }
}

public sealed class MeshTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("goxel-mesh-");
    private readonly ProjectFiles _files;

    public MeshTests() => _files = new ProjectFiles(new PathPolicy(_folder.FullName));

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void OneVoxelIsSixQuadsAndABoxIsSixRectangles()
    {
        var volume = new Volume();
        volume.Set(3, 4, 5, Rgba.White);
        Assert.Equal(6, VoxelMesh.Build(volume, MeshStyle.Greedy).Quads.Count);
        volume.FillBox(new VoxelBox(new Int3(0, 0, 0), new Int3(3, 2, 1)), Rgba.White);
        volume.Set(3, 4, 5, Rgba.Empty);
        Assert.Equal(6, VoxelMesh.Build(volume, MeshStyle.Greedy).Quads.Count);
        Assert.Equal(2 * (4 * 3 + 4 * 2 + 3 * 2), VoxelMesh.Build(volume, MeshStyle.Cubes).Quads.Count);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public void GreedyRectanglesCoverExactlyTheVisibleFaces(int seed)
    {
        var volume = Flattening.VisibleLayers(RandomProjects.Make(seed, palette: 3, spread: 12));
        var cubes = VoxelMesh.Build(volume, MeshStyle.Cubes);
        var greedy = VoxelMesh.Build(volume, MeshStyle.Greedy);
        Assert.True(greedy.Quads.Count < cubes.Quads.Count);
        var unitFaces = cubes.Quads.ToDictionary(q => (q.Direction, q.Plane, q.U, q.V), q => q.Color);
        var covered = new Dictionary<(int, int, int, int), Rgba>();
        foreach (var q in greedy.Quads)
            for (var v = q.V; v < q.V + q.Height; v++)
            for (var u = q.U; u < q.U + q.Width; u++)
                Assert.True(covered.TryAdd((q.Direction, q.Plane, u, v), q.Color), "two rectangles overlap");
        Assert.Equal(unitFaces.Count, covered.Count);
        foreach (var (face, color) in unitFaces) Assert.Equal(color, covered[face]);
    }

    public static TheoryData<string, MeshStyle, ObjColors> MeshCases()
    {
        var data = new TheoryData<string, MeshStyle, ObjColors>();
        foreach (var style in new[] { MeshStyle.Greedy, MeshStyle.Cubes })
        {
            data.Add("obj", style, ObjColors.Materials);
            data.Add("obj", style, ObjColors.VertexColors);
            data.Add("ply", style, ObjColors.Materials);
            data.Add("stl", style, ObjColors.Materials);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MeshCases))]
    public void MeshExportsLoadInAssimpWithExpectedCounts(string format, MeshStyle style, ObjColors colors)
    {
        var project = RandomProjects.Make(71, palette: 6, spread: 16);
        var options = new ExportOptions { Mesh = style, ObjColors = colors };
        var path = _files.Export(project, $"model-{style}-{colors}.{format}", null, options);
        if (format == "obj" && colors == ObjColors.Materials) Assert.True(File.Exists(Path.ChangeExtension(path, ".mtl")));
        var mesh = VoxelMesh.Build(Flattening.VisibleLayers(project), style);
        var (vertices, faces, meshes) = Validators.Assimp(path);
        Assert.Equal(mesh.TriangleCount, faces);
        // assimp's default post-processing joins vertices equal in position and normal (vertex
        // colours are not compared); PLY carries no normals, so its smooth normals follow position.
        var corners = mesh.Quads.SelectMany(q => q.Corners().Select(p => (p, q.Direction, q.Color))).ToList();
        var expected = (format, colors) switch
        {
            ("obj", ObjColors.Materials) => corners.Distinct().Count(), // one mesh per material (colour)
            ("ply", _) => corners.Select(c => c.p).Distinct().Count(),
            _ => corners.Select(c => (c.p, c.Direction)).Distinct().Count(),
        };
        Assert.Equal(expected, vertices);
        if (format == "obj" && colors == ObjColors.Materials) Assert.Equal(mesh.Quads.Select(q => q.Color).Distinct().Count(), meshes);
    }

    [Theory]
    [InlineData("gltf", MeshStyle.Greedy)]
    [InlineData("glb", MeshStyle.Greedy)]
    [InlineData("gltf", MeshStyle.Cubes)]
    public void GltfPassesTheKhronosValidator(string format, MeshStyle style)
    {
        var project = RandomProjects.Make(81, palette: 10, spread: 16);
        project.Materials.Add(new Core.Material("shiny") { Metallic = 0.9f, Roughness = 0.1f });
        project.Layers[0].Material = project.Materials[0];
        var path = _files.Export(project, "scene." + format, null, new ExportOptions { Mesh = style });
        var (errors, _, messages) = Validators.Gltf(path);
        Assert.True(errors == 0, messages);
        var (_, faces, meshes) = Validators.Assimp(path);
        var visible = project.Layers.Where(l => l.Visible).ToList();
        Assert.Equal(visible.Sum(l => VoxelMesh.Build(l.Volume, style).TriangleCount), faces);
        Assert.Equal(visible.Count, meshes);
    }
}
