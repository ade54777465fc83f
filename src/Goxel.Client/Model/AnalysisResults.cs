namespace Goxel.Client;

/// <summary>Result of <c>goxel.render_image</c>.</summary>
public sealed record RenderResult
{
    /// <summary>The encoded image (base64 on the wire).</summary>
    public byte[] ImageData { get; init; } = [];
    /// <summary>"png".</summary>
    public string Format { get; init; } = "";
    /// <summary>Pixels across.</summary>
    public int Width { get; init; }
    /// <summary>Pixels down.</summary>
    public int Height { get; init; }
    /// <summary>Time the daemon spent rendering, ms.</summary>
    public double RenderTimeMs { get; init; }
}

/// <summary>One bin of <see cref="ColorHistogram"/>.</summary>
public sealed record ColorCount
{
    /// <summary>"#RRGGBBAA".</summary>
    public string Color { get; init; } = "";
    /// <summary>The colour.</summary>
    public Rgba Rgba { get; init; }
    /// <summary>Voxels of this colour.</summary>
    public long Count { get; init; }
    /// <summary>Share of all counted voxels, percent.</summary>
    public double Percentage { get; init; }
}

/// <summary>Result of <c>goxel.get_color_histogram</c>.</summary>
public sealed record ColorHistogram
{
    /// <summary>Bins.</summary>
    public IReadOnlyList<ColorCount> Histogram { get; init; } = [];
    /// <summary>Voxels counted.</summary>
    public long TotalVoxels { get; init; }
    /// <summary>Distinct colours.</summary>
    public int UniqueColors { get; init; }
}

/// <summary>One match of <see cref="FoundVoxels"/>.</summary>
public sealed record VoxelLocation
{
    /// <summary>x.</summary>
    public int X { get; init; }
    /// <summary>y.</summary>
    public int Y { get; init; }
    /// <summary>z.</summary>
    public int Z { get; init; }
    /// <summary>Layer as requested.</summary>
    public int LayerId { get; init; }
}

/// <summary>Result of <c>goxel.find_voxels_by_color</c>.</summary>
public sealed record FoundVoxels
{
    /// <summary>"#RRGGBBAA".</summary>
    public string TargetColor { get; init; } = "";
    /// <summary>Matches.</summary>
    public long MatchCount { get; init; }
    /// <summary>True when max_results cut the list.</summary>
    public bool Truncated { get; init; }
    /// <summary>Where (when include_locations).</summary>
    public IReadOnlyList<VoxelLocation>? Locations { get; init; }
}

/// <summary>One colour of <see cref="UniqueColors"/>.</summary>
public sealed record UniqueColor
{
    /// <summary>"#RRGGBBAA".</summary>
    public string Hex { get; init; } = "";
    /// <summary>The colour.</summary>
    public Rgba Rgba { get; init; }
}

/// <summary>Result of <c>goxel.get_unique_colors</c>.</summary>
public sealed record UniqueColors
{
    /// <summary>The colours.</summary>
    public IReadOnlyList<UniqueColor> Colors { get; init; } = [];
    /// <summary>How many.</summary>
    public int Count { get; init; }
}

/// <summary>A camera pose for <c>goxel.render_image</c>.</summary>
public sealed record Camera
{
    /// <summary>Eye position.</summary>
    public required double[] Position { get; init; }
    /// <summary>Point looked at.</summary>
    public required double[] Target { get; init; }
    /// <summary>Up vector (default Z up).</summary>
    public double[]? Up { get; init; }
    /// <summary>Vertical field of view, degrees.</summary>
    public double? Fov { get; init; }
}
