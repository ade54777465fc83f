using System.Numerics;
using System.Runtime.CompilerServices;

namespace Goxel.Render;

/// <summary>Turns pixel positions into world-space rays for one camera and image size.</summary>
internal sealed class ViewRays
{
    // The camera basis in doubles, converted once: a pixel's ray is a few multiply-adds.
    private readonly double _ox, _oy, _oz, _fx, _fy, _fz, _rx, _ry, _rz, _ux, _uy, _uz;
    private readonly double _xScale, _xOffset, _yScale, _yOffset;

    public ViewRays(Camera camera, int width, int height)
    {
        var forward = Vector3.Normalize(camera.Target - camera.Position);
        var right = Vector3.Normalize(Vector3.Cross(forward, camera.Up));
        var up = Vector3.Cross(right, forward);
        (_ox, _oy, _oz) = (camera.Position.X, camera.Position.Y, camera.Position.Z);
        (_fx, _fy, _fz) = (forward.X, forward.Y, forward.Z);
        (_rx, _ry, _rz) = (right.X, right.Y, right.Z);
        (_ux, _uy, _uz) = (up.X, up.Y, up.Z);
        ToEye = -forward;
        IsOrthographic = camera.Projection == Projection.Orthographic;
        var halfHeight = IsOrthographic ? camera.OrthoHalfHeight : Math.Tan(camera.FovYDegrees * Math.PI / 360.0);
        var halfWidth = halfHeight * width / height;
        // Image x in [0, width] maps to [-halfWidth, halfWidth]; y in [0, height] to [halfHeight, -halfHeight].
        _xScale = 2.0 * halfWidth / width;
        _xOffset = -halfWidth;
        _yScale = -2.0 * halfHeight / height;
        _yOffset = halfHeight;
        // World size of one pixel at depth 1 (perspective) or anywhere (orthographic).
        PixelSize = 2.0 * halfHeight / height;
    }

    public bool IsOrthographic { get; }

    /// <summary>Unit vector from the scene towards the eye (the view direction reversed).</summary>
    public Vector3 ToEye { get; }

    /// <summary>Size of a pixel in voxels, per unit of depth for perspective.</summary>
    public double PixelSize { get; }

    /// <summary>
    /// The ray through image position (<paramref name="x"/>, <paramref name="y"/>) in pixels from the
    /// top-left corner. Orthographic rays have unit direction and no near plane (the caller starts
    /// them at minus infinity); perspective rays start at the eye.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Ray At(double x, double y)
    {
        var sx = x * _xScale + _xOffset;
        var sy = y * _yScale + _yOffset;
        if (IsOrthographic)
            return new Ray(_ox + _rx * sx + _ux * sy, _oy + _ry * sx + _uy * sy, _oz + _rz * sx + _uz * sy, _fx, _fy, _fz);
        // Not normalised: its component along the view axis is 1, so a ray time is the depth of the
        // point in front of the camera, which is what the size of a pixel scales with.
        return new Ray(_ox, _oy, _oz, _fx + _rx * sx + _ux * sy, _fy + _ry * sx + _uy * sy, _fz + _rz * sx + _uz * sy);
    }
}
