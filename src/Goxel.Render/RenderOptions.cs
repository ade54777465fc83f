namespace Goxel.Render;

/// <summary>What to draw and how. Immutable; reuse one for many renders.</summary>
public sealed record RenderOptions
{
    /// <summary>Image width in pixels.</summary>
    public int Width { get; init; } = 512;

    /// <summary>Image height in pixels.</summary>
    public int Height { get; init; } = 512;

    /// <summary>An explicit camera; when null the camera comes from <see cref="Preset"/>, framed on the visible voxels.</summary>
    public Camera? Camera { get; init; }

    /// <summary>The view used when <see cref="Camera"/> is null.</summary>
    public CameraPreset Preset { get; init; } = CameraPreset.Default;

    /// <summary>Overrides the preset's projection when <see cref="Camera"/> is null.</summary>
    public Projection? Projection { get; init; }

    /// <summary>What empty pixels show.</summary>
    public Background Background { get; init; } = Background.Default;

    /// <summary>Ambient occlusion at voxel edges and corners (upstream strength 0.4).</summary>
    public bool AmbientOcclusion { get; init; } = true;

    /// <summary>Shadows cast by the directional light (upstream strength 0.3).</summary>
    public bool Shadows { get; init; } = true;

    /// <summary>Dark outlines along every voxel face.</summary>
    public bool Edges { get; init; }

    /// <summary>
    /// Rays per pixel along each axis: 1 (fast, aliased edges) or 2 (2x2 supersampling, as upstream's
    /// 2x render and downsample; about four times slower).
    /// </summary>
    public int Supersampling { get; init; } = 1;

    /// <summary>
    /// Anti-alias outlines and steps between voxels: pixels whose face differs from a neighbour's are
    /// redrawn from 2x2 samples, the rest keep one. Close to <see cref="Supersampling"/> = 2 on edges
    /// at a fraction of its cost; ignored when supersampling.
    /// </summary>
    public bool EdgeAntialiasing { get; init; }

    /// <summary>Cast a shadow ray for every pixel instead of testing whole faces by their corners (tests compare the two).</summary>
    internal bool ShadowRayPerPixel { get; init; }
}
