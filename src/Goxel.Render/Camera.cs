using System.Numerics;

namespace Goxel.Render;

/// <summary>
/// Where the picture is taken from, in voxel units with Z up. A voxel at cell (x, y, z)
/// occupies [x, x+1) x [y, y+1) x [z, z+1).
/// </summary>
/// <param name="Position">The eye.</param>
/// <param name="Target">The point at the centre of the image.</param>
/// <param name="Up">Roughly which way is up on screen; need not be orthogonal to the view direction.</param>
/// <param name="FovYDegrees">Vertical field of view of a perspective camera, in degrees (0, 180).</param>
/// <param name="Projection">Perspective or orthographic.</param>
/// <param name="OrthoHalfHeight">
/// Half the height of the visible area of an orthographic camera, in voxels. Ignored in perspective.
/// </param>
public sealed record Camera(
    Vector3 Position,
    Vector3 Target,
    Vector3 Up,
    float FovYDegrees = Camera.GoxelFovY,
    Projection Projection = Projection.Perspective,
    float OrthoHalfHeight = 32f)
{
    /// <summary>Goxel's fixed vertical field of view, 20 degrees.</summary>
    public const float GoxelFovY = 20f;

    /// <summary>Goxel's default orbit distance, 128 voxels.</summary>
    public const float GoxelDistance = 128f;

    /// <summary>
    /// Upstream Goxel's default camera, unfitted: from distance 128 at azimuth 45 degrees
    /// (+x/-y side) and elevation 45 degrees, looking at the origin, fovy 20 degrees. It puts the
    /// eye at (64, -64, 90.51), as camera.c does with Rz(45)·Rx(45)·T(0, 0, 128).
    /// </summary>
    public static Camera GoxelDefault { get; } = new(
        CameraPresets.DefaultDirection * GoxelDistance, Vector3.Zero, Vector3.UnitZ);

    /// <summary>A perspective camera at <paramref name="position"/> looking at <paramref name="target"/>.</summary>
    public static Camera LookAt(Vector3 position, Vector3 target, Vector3 up, float fovYDegrees = GoxelFovY) =>
        new(position, target, up, fovYDegrees);

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when the camera cannot form a view.</summary>
    public void Validate()
    {
        if (!IsFinite(Position) || !IsFinite(Target) || !IsFinite(Up))
            throw new ArgumentException("Camera position, target and up must be finite numbers.");
        if (Vector3.DistanceSquared(Position, Target) < 1e-12f)
            throw new ArgumentException("Camera position and target must differ.");
        var forward = Vector3.Normalize(Target - Position);
        if (Up.LengthSquared() < 1e-12f || Vector3.Cross(forward, Vector3.Normalize(Up)).LengthSquared() < 1e-8f)
            throw new ArgumentException("Camera up must be non-zero and not parallel to the view direction.");
        if (Projection == Projection.Perspective && !(FovYDegrees > 0f && FovYDegrees < 180f))
            throw new ArgumentException($"Camera fov must be between 0 and 180 degrees, got {FovYDegrees}.");
        if (Projection == Projection.Orthographic && !(OrthoHalfHeight > 0f && float.IsFinite(OrthoHalfHeight)))
            throw new ArgumentException($"Orthographic half-height must be positive, got {OrthoHalfHeight}.");
    }

    private static bool IsFinite(Vector3 v) => float.IsFinite(v.X) && float.IsFinite(v.Y) && float.IsFinite(v.Z);
}
