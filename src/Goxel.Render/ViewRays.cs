using System.Numerics;

namespace Goxel.Render;

/// <summary>Turns pixel positions into world-space rays for one camera and image size.</summary>
internal sealed class ViewRays
{
    private readonly Vector3 _origin, _forward, _right, _up;
    private readonly double _halfWidth, _halfHeight;
    private readonly int _width, _height;

    public ViewRays(Camera camera, int width, int height)
    {
        _width = width;
        _height = height;
        _origin = camera.Position;
        _forward = Vector3.Normalize(camera.Target - camera.Position);
        _right = Vector3.Normalize(Vector3.Cross(_forward, camera.Up));
        _up = Vector3.Cross(_right, _forward);
        IsOrthographic = camera.Projection == Projection.Orthographic;
        var aspect = (double)width / height;
        _halfHeight = IsOrthographic ? camera.OrthoHalfHeight : Math.Tan(camera.FovYDegrees * Math.PI / 360.0);
        _halfWidth = _halfHeight * aspect;
        // World size of one pixel at distance 1 (perspective) or anywhere (orthographic).
        PixelSize = 2.0 * _halfHeight / height;
    }

    public bool IsOrthographic { get; }

    /// <summary>Unit vector from the scene towards the eye (the view direction reversed).</summary>
    public Vector3 ToEye => -_forward;

    /// <summary>Size of a pixel in voxels, per unit of distance for perspective.</summary>
    public double PixelSize { get; }

    /// <summary>
    /// The ray through image position (<paramref name="x"/>, <paramref name="y"/>) in pixels from the
    /// top-left corner. Orthographic rays have unit direction and no near plane (the caller starts
    /// them at minus infinity); perspective rays start at the eye.
    /// </summary>
    public Ray At(double x, double y)
    {
        var sx = (2.0 * x / _width - 1.0) * _halfWidth;
        var sy = (1.0 - 2.0 * y / _height) * _halfHeight;
        if (IsOrthographic)
        {
            return new Ray(
                _origin.X + _right.X * sx + _up.X * sy, _origin.Y + _right.Y * sx + _up.Y * sy, _origin.Z + _right.Z * sx + _up.Z * sy,
                _forward.X, _forward.Y, _forward.Z);
        }
        // Not normalised: its component along the view axis is 1, so a ray time is the depth of the
        // point in front of the camera, which is what the size of a pixel scales with.
        return new Ray(_origin.X, _origin.Y, _origin.Z,
            _forward.X + _right.X * sx + _up.X * sy,
            _forward.Y + _right.Y * sx + _up.Y * sy,
            _forward.Z + _right.Z * sx + _up.Z * sy);
    }
}
