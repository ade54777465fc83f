using System.Numerics;
using Goxel.Core;

namespace Goxel.Formats.Mesh;

/// <summary>
/// Base of the polygon exports (obj, ply, stl): mesh the flattened visible layers with the
/// chosen <see cref="MeshStyle"/>, then write triangles in the target syntax.
/// </summary>
public abstract class MeshFormat : VoxelFormat
{
    /// <inheritdoc/>
    public sealed override bool CanWrite => true;

    /// <inheritdoc/>
    public sealed override void Write(Project project, Stream output, ExportContext context)
    {
        var mesh = VoxelMesh.Build(Flattening.VisibleLayers(project), context.Options.Mesh);
        WriteMesh(mesh, output, context);
    }

    /// <summary>The up axis used when <see cref="ExportOptions.YUp"/> is null.</summary>
    protected virtual bool YUpByDefault => true;

    /// <summary>Writes the triangles of <paramref name="mesh"/>.</summary>
    protected internal abstract void WriteMesh(VoxelMesh mesh, Stream output, ExportContext context);

    /// <summary>
    /// A Goxel point in the export's space: unchanged when Z-up, else (x, z, -y), a rotation
    /// about X, so triangle winding (counter-clockwise from outside) is preserved.
    /// </summary>
    protected internal static Vector3 ToExport(Int3 p, bool yUp) => yUp ? new Vector3(p.X, p.Z, -p.Y) : new Vector3(p.X, p.Y, p.Z);

    /// <summary>Triangles of a quad as corner indices: (0, 1, 2) and (2, 3, 0), as upstream.</summary>
    protected internal static ReadOnlySpan<int> QuadTriangles => [0, 1, 2, 2, 3, 0];
}
