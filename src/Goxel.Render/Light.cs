using System.Numerics;

namespace Goxel.Render;

/// <summary>
/// Upstream Goxel's default lighting (goxel.c goxel_reset, data/shaders/volume.glsl): one
/// directional light of intensity 2 at pitch 20 degrees and yaw 120 degrees, ambient 0.3, the
/// default material (metallic 0.2, roughness 0.5), shadow strength 0.3, occlusion strength 0.4.
/// </summary>
public static class Light
{
    /// <summary>Light pitch in degrees.</summary>
    public const float PitchDegrees = 20f;

    /// <summary>Light yaw in degrees.</summary>
    public const float YawDegrees = 120f;

    /// <summary>Directional light intensity.</summary>
    public const float Intensity = 2f;

    /// <summary>Ambient coefficient: ambient light = Ambient x base colour.</summary>
    public const float Ambient = 0.3f;

    /// <summary>Material metallic factor.</summary>
    public const float Metallic = 0.2f;

    /// <summary>Material roughness.</summary>
    public const float Roughness = 0.5f;

    /// <summary>How much a shadow darkens: colour x mix(1, visibility, ShadowStrength).</summary>
    public const float ShadowStrength = 0.3f;

    /// <summary>How much occlusion darkens: mix(colour, colour x ao, OcclusionStrength).</summary>
    public const float OcclusionStrength = 0.4f;

    /// <summary>Unit vector towards the light, Rz(yaw)·Rx(pitch)·(0, 0, 1) ≈ (0.296, 0.171, 0.940).</summary>
    public static Vector3 Direction { get; } = ComputeDirection();

    private static Vector3 ComputeDirection()
    {
        var pitch = PitchDegrees * MathF.PI / 180f;
        var yaw = YawDegrees * MathF.PI / 180f;
        return new Vector3(MathF.Sin(pitch) * MathF.Sin(yaw), -MathF.Sin(pitch) * MathF.Cos(yaw), MathF.Cos(pitch));
    }
}
