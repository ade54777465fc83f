using System.Numerics;

namespace Goxel.Core;

/// <summary>
/// A saved viewpoint: an orbit camera that looks along its local -Z axis at a target
/// <see cref="Distance"/> ahead (upstream Goxel's camera_t, minus derived matrices).
/// </summary>
public sealed class Camera
{
    /// <summary>A camera at the origin with an identity transform.</summary>
    public Camera(string name) => Name = name;

    /// <summary>Display name.</summary>
    public string Name { get; set; }

    /// <summary>Orbit distance from the camera to its target; half-width of the view in orthographic mode.</summary>
    public float Distance { get; set; } = 128;

    /// <summary>Orthographic projection instead of perspective.</summary>
    public bool Orthographic { get; set; }

    /// <summary>
    /// Camera-to-world transform in System.Numerics row-vector layout (translation in M41..M43),
    /// which is the same 16 floats in the same order as Goxel's column-major matrices.
    /// </summary>
    public Matrix4x4 Transform { get; set; } = Matrix4x4.Identity;

    /// <summary>A field-by-field copy.</summary>
    public Camera Clone() => (Camera)MemberwiseClone();
}
