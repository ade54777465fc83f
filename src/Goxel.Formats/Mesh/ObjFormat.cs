using System.Globalization;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Mesh;

/// <summary>
/// Wavefront OBJ: triangles with face normals, colours either as materials in a .mtl beside the
/// file (default) or as "v x y z r g b" vertex colours (upstream's output).
/// </summary>
public sealed class ObjFormat : MeshFormat
{
    /// <inheritdoc/>
    public override string Name => "obj";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".obj"];

    /// <inheritdoc/>
    public override string Description => "Wavefront OBJ mesh (with .mtl, or vertex colours)";

    /// <inheritdoc/>
    protected internal override void WriteMesh(VoxelMesh mesh, Stream output, ExportContext context)
    {
        var yUp = context.Options.YUp ?? YUpByDefault;
        var vertexColors = context.Options.ObjColors == ObjColors.VertexColors;
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("# Goxel daemon voxel export");
        var byColor = mesh.Quads.GroupBy(q => q.Color.Packed).OrderBy(g => g.Key).ToList();
        if (!vertexColors)
        {
            var mtl = context.AddCompanion(".mtl", s => WriteMaterials(s, byColor.Select(g => Rgba.FromPacked(g.Key))));
            w.WriteLine($"mtllib {mtl}");
        }

        // Vertices are shared between faces (by position, and by colour too with vertex colours).
        var index = new Dictionary<(Int3, uint), int>();
        var faces = new StringBuilder();
        var corners = new int[4];
        foreach (var group in byColor)
        {
            var color = Rgba.FromPacked(group.Key);
            if (!vertexColors) faces.Append("usemtl ").Append(MaterialName(color)).Append('\n');
            foreach (var quad in group)
            {
                var points = quad.Corners();
                for (var i = 0; i < 4; i++)
                {
                    var key = (points[i], vertexColors ? group.Key : 0u);
                    if (!index.TryGetValue(key, out var n))
                    {
                        index[key] = n = index.Count + 1;
                        var p = ToExport(points[i], yUp);
                        w.Write(FormattableString.Invariant($"v {p.X} {p.Y} {p.Z}"));
                        if (vertexColors) w.Write(FormattableString.Invariant($" {color.R / 255.0:0.######} {color.G / 255.0:0.######} {color.B / 255.0:0.######}"));
                        w.Write('\n');
                    }
                    corners[i] = n;
                }
                var normal = NormalIndex(quad);
                var t = QuadTriangles;
                for (var i = 0; i < 6; i += 3)
                    faces.Append(CultureInfo.InvariantCulture, $"f {corners[t[i]]}//{normal} {corners[t[i + 1]]}//{normal} {corners[t[i + 2]]}//{normal}\n");
            }
        }
        for (var d = 0; d < 6; d++)
        {
            var n = ToExport(new Quad(d / 2, d % 2 == 0, 0, 0, 0, 1, 1, default).Normal, yUp);
            w.WriteLine(FormattableString.Invariant($"vn {n.X} {n.Y} {n.Z}"));
        }
        w.Write(faces);
    }

    private static int NormalIndex(Quad quad) => quad.Direction + 1;

    private static string MaterialName(Rgba c) => $"color_{c.R:x2}{c.G:x2}{c.B:x2}";

    private static void WriteMaterials(Stream stream, IEnumerable<Rgba> colors)
    {
        using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        w.WriteLine("# Goxel daemon voxel export materials");
        foreach (var c in colors)
        {
            w.WriteLine($"newmtl {MaterialName(c)}");
            w.WriteLine(FormattableString.Invariant($"Kd {c.R / 255.0:0.######} {c.G / 255.0:0.######} {c.B / 255.0:0.######}"));
            w.WriteLine("Ka 0 0 0");
            w.WriteLine("Ks 0 0 0");
            w.WriteLine("d 1");
            w.WriteLine("illum 1");
        }
    }
}
