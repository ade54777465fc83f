namespace Goxel.Render;

/// <summary>How the camera maps the scene onto the image.</summary>
public enum Projection
{
    /// <summary>Rays fan out from the camera position; far things look smaller.</summary>
    Perspective,

    /// <summary>Parallel rays; sizes do not depend on distance.</summary>
    Orthographic,
}
