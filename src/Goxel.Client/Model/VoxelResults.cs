namespace Goxel.Client;

/// <summary>Result of <c>goxel.add_voxel</c> and <c>goxel.remove_voxel</c>.</summary>
public sealed record VoxelResult
{
    /// <summary>True on success.</summary>
    public bool Success { get; init; }
    /// <summary>x.</summary>
    public int X { get; init; }
    /// <summary>y.</summary>
    public int Y { get; init; }
    /// <summary>z.</summary>
    public int Z { get; init; }
    /// <summary>Layer as requested.</summary>
    public int? LayerId { get; init; }
    /// <summary>Colour written (add only).</summary>
    public Rgba? Color { get; init; }
}

/// <summary>Result of <c>goxel.get_voxel</c>.</summary>
public sealed record VoxelInfo
{
    /// <summary>x.</summary>
    public int X { get; init; }
    /// <summary>y.</summary>
    public int Y { get; init; }
    /// <summary>z.</summary>
    public int Z { get; init; }
    /// <summary>False when the cell is empty.</summary>
    public bool Exists { get; init; }
    /// <summary>Colour; transparent black when empty.</summary>
    public Rgba Color { get; init; }
}

/// <summary>Result of <c>goxel.add_voxel_batch</c>.</summary>
public sealed record BatchResult
{
    /// <summary>True on success.</summary>
    public bool Success { get; init; }
    /// <summary>Voxels written.</summary>
    public int Count { get; init; }
}

/// <summary>Result of <c>goxel.get_bounding_box</c>.</summary>
public sealed record BoundingBoxResult
{
    /// <summary>True when there is no voxel (then the rest is unset).</summary>
    public bool Empty { get; init; }
    /// <summary>Lowest corner.</summary>
    public VoxelPosition Min { get; init; }
    /// <summary>Highest voxel (inclusive).</summary>
    public VoxelPosition Max { get; init; }
    /// <summary>max - min + 1 per axis.</summary>
    public VoxelPosition Dimensions { get; init; }
}

/// <summary>One voxel of <see cref="VoxelsRegion"/>.</summary>
public sealed record RegionVoxel
{
    /// <summary>x.</summary>
    public int X { get; init; }
    /// <summary>y.</summary>
    public int Y { get; init; }
    /// <summary>z.</summary>
    public int Z { get; init; }
    /// <summary>Colour.</summary>
    public Rgba Color { get; init; }
    /// <summary>The voxel's layer, when every layer was read (layer_id -2).</summary>
    public int? LayerId { get; init; }
}

/// <summary>Result of <c>goxel.get_voxels_region</c>.</summary>
public sealed record VoxelsRegion
{
    /// <summary>The voxels (unsorted).</summary>
    public IReadOnlyList<RegionVoxel> Voxels { get; init; } = [];
    /// <summary>Voxels returned.</summary>
    public int Count { get; init; }
    /// <summary>True when the limit cut the answer short.</summary>
    public bool Truncated { get; init; }
}

/// <summary>
/// A voxel read as it comes off the wire: objects, or with "encoding": "packed" base64 arrays
/// (maybe Brotli-compressed); <see cref="PackedVoxels.Decode"/> turns either into a <see cref="VoxelsRegion"/>.
/// </summary>
internal sealed record VoxelPage
{
    public string? Encoding { get; init; }
    public string? Compression { get; init; }
    public string? Positions { get; init; }
    public string? Colors { get; init; }
    public string? LayerIds { get; init; }
    public IReadOnlyList<RegionVoxel> Voxels { get; init; } = [];
    public int Count { get; init; }
    public bool Truncated { get; init; }
}

/// <summary>Result of <c>goxel.export_model</c> with <c>"data": true</c> on the wire.</summary>
internal sealed record ExportedModelWire
{
    public string Name { get; init; } = "";
    public string? Compression { get; init; }
    public string Data { get; init; } = "";
    public IReadOnlyList<ExportedFileWire> Files { get; init; } = [];
}

/// <summary>A companion file of <see cref="ExportedModelWire"/>.</summary>
internal sealed record ExportedFileWire
{
    public string Name { get; init; } = "";
    public string Data { get; init; } = "";
}

/// <summary>One file of an export returned in memory (<see cref="GoxelDaemonClient.ExportModelDataAsync"/>).</summary>
/// <param name="Name">File name ("model.obj", its companion "model.mtl").</param>
/// <param name="Bytes">The file's content.</param>
public sealed record ExportedFile(string Name, byte[] Bytes);
