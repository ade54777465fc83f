using System.Buffers.Binary;
using System.Text;

namespace Goxel.Formats.Mesh;

/// <summary>
/// Binary STL: an 80-byte header, a triangle count, then normal and three corners per
/// triangle. STL has no standard colour, so colours are not written (not in upstream Goxel).
/// </summary>
public sealed class StlFormat : MeshFormat
{
    /// <inheritdoc/>
    public override string Name => "stl";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".stl"];

    /// <inheritdoc/>
    public override string Description => "Binary STL mesh (no colours), for 3D printing";

    /// <inheritdoc/>
    protected override bool YUpByDefault => false;

    /// <inheritdoc/>
    protected internal override void WriteMesh(VoxelMesh mesh, Stream output, ExportContext context)
    {
        var yUp = context.Options.YUp ?? YUpByDefault;
        var header = new byte[80];
        Encoding.ASCII.GetBytes("Goxel daemon voxel export (binary STL)").CopyTo(header, 0);
        output.Write(header);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, checked((uint)mesh.TriangleCount));
        output.Write(word);
        Span<byte> record = stackalloc byte[50];
        foreach (var quad in mesh.Quads)
        {
            var corners = quad.Corners();
            var normal = ToExport(quad.Normal, yUp);
            var t = QuadTriangles;
            for (var i = 0; i < 6; i += 3)
            {
                Put(record, 0, normal);
                for (var k = 0; k < 3; k++) Put(record, 12 + 12 * k, ToExport(corners[t[i + k]], yUp));
                record[48] = 0;
                record[49] = 0;
                output.Write(record);
            }
        }
    }

    private static void Put(Span<byte> record, int at, System.Numerics.Vector3 v)
    {
        BinaryPrimitives.WriteSingleLittleEndian(record[at..], v.X);
        BinaryPrimitives.WriteSingleLittleEndian(record[(at + 4)..], v.Y);
        BinaryPrimitives.WriteSingleLittleEndian(record[(at + 8)..], v.Z);
    }
}
