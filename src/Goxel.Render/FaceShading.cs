using System.Numerics;

namespace Goxel.Render;

/// <summary>
/// The glTF metallic-roughness terms of volume.glsl's compute_light for one face orientation,
/// evaluated once per render: faces are flat and the view direction barely changes across a
/// picture (fovy 20 degrees), so it is taken as the camera's.
/// </summary>
internal readonly struct FaceShading
{
    private readonly float _nDotL, _fresnel, _visD;

    public FaceShading(Vector3 normal, Vector3 toLight, Vector3 toEye)
    {
        var h = Vector3.Normalize(toLight + toEye);
        _nDotL = Math.Clamp(Vector3.Dot(normal, toLight), 0f, 1f);
        var nDotV = Math.Clamp(Vector3.Dot(normal, toEye), 0f, 1f);
        var nDotH = Math.Clamp(Vector3.Dot(normal, h), 0f, 1f);
        var lDotH = Math.Clamp(Vector3.Dot(toLight, h), 0f, 1f);
        var alpha = Light.Roughness * Light.Roughness;
        _fresnel = MathF.Pow(2f, (-5.55473f * lDotH - 6.98316f) * lDotH);
        var ggxV = _nDotL * (nDotV * (1f - alpha) + alpha);
        var ggxL = nDotV * (_nDotL * (1f - alpha) + alpha);
        var vis = ggxV + ggxL > 0f ? 0.5f / (ggxV + ggxL) : 0f;
        var a2 = alpha * alpha;
        var f = (nDotH * a2 - nDotH) * nDotH + 1f;
        var d = a2 / (MathF.PI * f * f);
        _visD = vis * d;
    }

    /// <summary>True when the face turns away from the light (upstream gives it shadow visibility 0.5).</summary>
    public bool FacesAway => _nDotL <= 0f;

    /// <summary>Lit linear colour of one channel of linear base colour <paramref name="b"/>.</summary>
    public float Shade(float b)
    {
        var diffuse = b * (1f - 0.04f) * (1f - Light.Metallic);
        var specular = 0.04f + (b - 0.04f) * Light.Metallic;
        var f = (1f - specular) * _fresnel + specular;
        var direct = _nDotL * ((1f - f) * (diffuse / MathF.PI) + f * _visD);
        return Light.Intensity * Math.Max(direct, 0f) + Light.Ambient * b;
    }
}
