using System.Numerics;

namespace Goxel.Core;

/// <summary>
/// A layer's surface: Goxel's glTF-style metallic/roughness material. Colours are linear floats,
/// as upstream stores them in .gox files.
/// </summary>
public sealed class Material
{
    /// <summary>A material with Goxel's defaults (white, metallic 0.2, roughness 0.5, no emission).</summary>
    public Material(string name) => Name = name;

    /// <summary>Display name.</summary>
    public string Name { get; set; }

    /// <summary>Linear RGBA multiplied into voxel colours; alpha below 1 draws the layer see-through.</summary>
    public Vector4 BaseColor { get; set; } = Vector4.One;

    /// <summary>Metalness, 0 to 1.</summary>
    public float Metallic { get; set; } = 0.2f;

    /// <summary>Roughness, 0 to 1.</summary>
    public float Roughness { get; set; } = 0.5f;

    /// <summary>Linear emitted colour.</summary>
    public Vector3 Emission { get; set; }

    /// <summary>A field-by-field copy.</summary>
    public Material Clone() => (Material)MemberwiseClone();
}
