namespace Goxel.Formats;

/// <summary>How mesh exporters turn voxels into faces.</summary>
public enum MeshStyle
{
    /// <summary>Hidden faces culled and coplanar faces of one colour merged into rectangles.</summary>
    Greedy,

    /// <summary>Hidden faces culled, one quad per visible voxel face (upstream Goxel's output).</summary>
    Cubes,
}

/// <summary>How OBJ carries colours.</summary>
public enum ObjColors
{
    /// <summary>A .mtl file beside the .obj with one material per colour (widest tool support).</summary>
    Materials,

    /// <summary>Colours after the vertex position ("v x y z r g b"), no .mtl (upstream's output).</summary>
    VertexColors,
}

/// <summary>Options for writers; each format reads the ones that concern it.</summary>
public sealed record ExportOptions
{
    /// <summary>Everything at its default: greedy meshes, OBJ with .mtl, each format's up axis.</summary>
    public static readonly ExportOptions Default = new();

    /// <summary>Mesh construction for obj, ply, stl, gltf and glb.</summary>
    public MeshStyle Mesh { get; init; } = MeshStyle.Greedy;

    /// <summary>OBJ colour transport.</summary>
    public ObjColors ObjColors { get; init; } = ObjColors.Materials;

    /// <summary>
    /// True turns Goxel's Z-up into Y-up for mesh exports: (x, y, z) becomes (x, z, -y). Null
    /// takes the format's convention: Y-up for OBJ and PLY (as upstream), Z-up for STL (as
    /// slicers expect). glTF is always Y-up, as its specification requires.
    /// </summary>
    public bool? YUp { get; init; }

    /// <summary>Most threads one export uses (the png render export is parallel); -1 for no bound.</summary>
    public int MaxThreads { get; init; } = -1;

    /// <summary>Stops the export (a timeout, a client gone): checked at every write and by the png render export.</summary>
    public CancellationToken Cancellation { get; init; }
}

/// <summary>One file of an export written to memory (<see cref="ProjectFiles.ExportToMemory"/>).</summary>
public sealed record ExportedFile(string Name, byte[] Bytes);
