namespace Goxel.Client;

/// <summary>Result of <c>goxel.create_layer</c>.</summary>
public sealed record LayerResult
{
    /// <summary>True on success.</summary>
    public bool Success { get; init; }
    /// <summary>The new layer's id.</summary>
    public int LayerId { get; init; }
    /// <summary>Its name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Whether it is shown.</summary>
    public bool Visible { get; init; }
}

/// <summary>One layer of <see cref="LayerList"/>.</summary>
public sealed record LayerInfo
{
    /// <summary>Layer id.</summary>
    public int Id { get; init; }
    /// <summary>Name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Whether it is shown.</summary>
    public bool Visible { get; init; }
    /// <summary>Voxels in it.</summary>
    public long VoxelCount { get; init; }
    /// <summary>True for the active layer.</summary>
    public bool Active { get; init; }
}

/// <summary>Result of <c>goxel.list_layers</c>.</summary>
public sealed record LayerList
{
    /// <summary>Number of layers.</summary>
    public int Count { get; init; }
    /// <summary>The layers.</summary>
    public IReadOnlyList<LayerInfo> Layers { get; init; } = [];
}
