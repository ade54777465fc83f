namespace Goxel.Client;

/// <summary>Result of <c>goxel.create_project</c>.</summary>
public sealed record CreateProjectResult
{
    /// <summary>True on success.</summary>
    public bool Success { get; init; }
    /// <summary>Project name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Size along x.</summary>
    public int Width { get; init; }
    /// <summary>Size along y.</summary>
    public int Height { get; init; }
    /// <summary>Size along z.</summary>
    public int Depth { get; init; }
    /// <summary>Id for later <c>project_id</c> parameters.</summary>
    public string ProjectId { get; init; } = "";
}

/// <summary>Result of load, save and export.</summary>
public sealed record FileResult
{
    /// <summary>True on success.</summary>
    public bool Success { get; init; }
    /// <summary>The file.</summary>
    public string Path { get; init; } = "";
    /// <summary>The loaded project's id (load only).</summary>
    public string? ProjectId { get; init; }
    /// <summary>Format echoed when one was given.</summary>
    public string? Format { get; init; }
}

/// <summary>An inclusive box of voxels.</summary>
public sealed record VoxelBox
{
    /// <summary>Lowest corner.</summary>
    public VoxelPosition Min { get; init; }
    /// <summary>Highest corner (inclusive).</summary>
    public VoxelPosition Max { get; init; }

    /// <summary>max - min + 1 per axis, when the daemon sends it.</summary>
    public VoxelPosition? Dimensions { get; init; }
}

/// <summary>Result of <c>goxel.get_project_info</c>.</summary>
public sealed record ProjectInfo
{
    /// <summary>Project id.</summary>
    public string ProjectId { get; init; } = "";
    /// <summary>Project name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Layers.</summary>
    public int LayerCount { get; init; }
    /// <summary>Voxels over all layers.</summary>
    public long VoxelCount { get; init; }
    /// <summary>Bounds of all voxels, null when empty.</summary>
    public VoxelBox? BoundingBox { get; init; }
    /// <summary>Memory held by the project, bytes.</summary>
    public long MemoryBytes { get; init; }
    /// <summary>The active layer.</summary>
    public int ActiveLayerId { get; init; }
    /// <summary>Size along x.</summary>
    public int Width { get; init; }
    /// <summary>Size along y.</summary>
    public int Height { get; init; }
    /// <summary>Size along z.</summary>
    public int Depth { get; init; }
    /// <summary>Edits that can be undone, when the daemon reports it.</summary>
    public int? UndoSteps { get; init; }
    /// <summary>Edits that can be redone, when the daemon reports it.</summary>
    public int? RedoSteps { get; init; }
}

/// <summary>Result of <c>goxel.get_status</c>: the original's project summary.</summary>
public sealed record ProjectStatus
{
    /// <summary>Daemon version.</summary>
    public string Version { get; init; } = "";
    /// <summary>Layers.</summary>
    public int LayerCount { get; init; }
    /// <summary>Always false.</summary>
    public bool ReadOnly { get; init; }
    /// <summary>Size along x.</summary>
    public int Width { get; init; }
    /// <summary>Size along y.</summary>
    public int Height { get; init; }
    /// <summary>Size along z.</summary>
    public int Depth { get; init; }
    /// <summary>Project id, null without a project.</summary>
    public string? ProjectId { get; init; }
    /// <summary>Project name.</summary>
    public string? Name { get; init; }
}

/// <summary>One entry of <c>goxel.list_projects</c>.</summary>
public sealed record ProjectSummary
{
    /// <summary>Project id.</summary>
    public string ProjectId { get; init; } = "";
    /// <summary>Project name.</summary>
    public string Name { get; init; } = "";
    /// <summary>True for the daemon's current project.</summary>
    public bool Current { get; init; }
}

/// <summary>Result of <c>goxel.list_projects</c>.</summary>
public sealed record ProjectList
{
    /// <summary>Open projects.</summary>
    public IReadOnlyList<ProjectSummary> Projects { get; init; } = [];
}
