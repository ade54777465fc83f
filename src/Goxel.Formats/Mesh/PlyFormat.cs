using System.Buffers.Binary;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Mesh;

/// <summary>
/// Stanford PLY, binary little-endian: float positions with 8-bit vertex colours, triangle
/// faces. (Upstream writes ASCII with float colours; binary is smaller and every reader that
/// takes one takes the other.)
/// </summary>
public sealed class PlyFormat : MeshFormat
{
    /// <inheritdoc/>
    public override string Name => "ply";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".ply"];

    /// <inheritdoc/>
    public override string Description => "Stanford PLY mesh with vertex colours (binary)";

    /// <inheritdoc/>
    protected internal override void WriteMesh(VoxelMesh mesh, Stream output, ExportContext context)
    {
        var yUp = context.Options.YUp ?? YUpByDefault;
        var index = new Dictionary<(Int3, uint), int>();
        var vertices = new List<(Int3 Position, Rgba Color)>();
        var triangles = new int[mesh.Quads.Count * 6];
        var t = 0;
        Span<int> corners = stackalloc int[4];
        foreach (var quad in mesh.Quads)
        {
            var points = quad.Corners();
            for (var i = 0; i < 4; i++)
            {
                if (!index.TryGetValue((points[i], quad.Color.Packed), out var n))
                {
                    index[(points[i], quad.Color.Packed)] = n = vertices.Count;
                    vertices.Add((points[i], quad.Color));
                }
                corners[i] = n;
            }
            foreach (var c in QuadTriangles) triangles[t++] = corners[c];
        }

        var header = $"ply\nformat binary_little_endian 1.0\ncomment Goxel daemon voxel export\nelement vertex {vertices.Count}\n" +
                     "property float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n" +
                     $"element face {triangles.Length / 3}\nproperty list uchar int vertex_indices\nend_header\n";
        output.Write(Encoding.ASCII.GetBytes(header));
        Span<byte> record = stackalloc byte[15];
        foreach (var (position, color) in vertices)
        {
            var p = ToExport(position, yUp);
            BinaryPrimitives.WriteSingleLittleEndian(record, p.X);
            BinaryPrimitives.WriteSingleLittleEndian(record[4..], p.Y);
            BinaryPrimitives.WriteSingleLittleEndian(record[8..], p.Z);
            record[12] = color.R; record[13] = color.G; record[14] = color.B;
            output.Write(record);
        }
        Span<byte> face = stackalloc byte[13];
        face[0] = 3;
        for (var i = 0; i < triangles.Length; i += 3)
        {
            BinaryPrimitives.WriteInt32LittleEndian(face[1..], triangles[i]);
            BinaryPrimitives.WriteInt32LittleEndian(face[5..], triangles[i + 1]);
            BinaryPrimitives.WriteInt32LittleEndian(face[9..], triangles[i + 2]);
            output.Write(face);
        }
    }
}
