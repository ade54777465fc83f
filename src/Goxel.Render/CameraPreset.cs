namespace Goxel.Render;

/// <summary>Named views. Z is up; "front" looks from -Y towards +Y.</summary>
public enum CameraPreset
{
    /// <summary>Goxel's default view direction: from the +x/-y side, 45 degrees above, perspective.</summary>
    Default,

    /// <summary>From -Y looking at +Y, Z up: shows the -Y faces with +X to the right.</summary>
    Front,

    /// <summary>From +Y looking at -Y, Z up: shows the +Y faces with +X to the left.</summary>
    Back,

    /// <summary>From -X looking at +X, Z up: shows the -X faces with +Y to the left.</summary>
    Left,

    /// <summary>From +X looking at -X, Z up: shows the +X faces with +Y to the right.</summary>
    Right,

    /// <summary>From +Z looking down, +Y up on screen and +X to the right.</summary>
    Top,

    /// <summary>From -Z looking up, -Y up on screen and +X to the right (the model flipped over towards you).</summary>
    Bottom,

    /// <summary>Orthographic from the (+1, -1, +1) diagonal: true isometric (elevation 35.26 degrees), Z up.</summary>
    Isometric,
}
