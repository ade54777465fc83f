using System.Numerics;
using Goxel.Core;

namespace Goxel.Render;

/// <summary>Parses preset names and frames a box of voxels from a preset's direction.</summary>
public static class CameraPresets
{
    /// <summary>Unit vector from the target towards Goxel's default eye: azimuth 45 degrees, elevation 45 degrees.</summary>
    public static readonly Vector3 DefaultDirection = new(0.5f, -0.5f, MathF.Sqrt(0.5f));

    /// <summary>The accepted names, lower case, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["default", "front", "back", "left", "right", "top", "bottom", "isometric"];

    /// <summary>
    /// The preset named <paramref name="name"/> (case-insensitive; null or empty means <see cref="CameraPreset.Default"/>).
    /// Throws <see cref="ArgumentException"/> naming the valid presets when the name is unknown.
    /// </summary>
    public static CameraPreset Parse(string? name)
    {
        if (TryParse(name, out var preset)) return preset;
        throw new ArgumentException($"Unknown camera preset '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Like <see cref="Parse"/> without throwing. "iso" is accepted for isometric (the MCP tools' name).</summary>
    public static bool TryParse(string? name, out CameraPreset preset)
    {
        preset = CameraPreset.Default;
        if (string.IsNullOrWhiteSpace(name)) return true;
        if (string.Equals(name.Trim(), "iso", StringComparison.OrdinalIgnoreCase))
        {
            preset = CameraPreset.Isometric;
            return true;
        }
        for (var i = 0; i < Names.Count; i++)
        {
            if (!string.Equals(Names[i], name.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            preset = (CameraPreset)i;
            return true;
        }
        return false;
    }

    /// <summary>The unit vector from the target towards the eye, and the up vector, of a preset.</summary>
    public static (Vector3 Direction, Vector3 Up) Orientation(CameraPreset preset) => preset switch
    {
        CameraPreset.Default => (DefaultDirection, Vector3.UnitZ),
        CameraPreset.Front => (-Vector3.UnitY, Vector3.UnitZ),
        CameraPreset.Back => (Vector3.UnitY, Vector3.UnitZ),
        CameraPreset.Left => (-Vector3.UnitX, Vector3.UnitZ),
        CameraPreset.Right => (Vector3.UnitX, Vector3.UnitZ),
        CameraPreset.Top => (Vector3.UnitZ, Vector3.UnitY),
        CameraPreset.Bottom => (-Vector3.UnitZ, -Vector3.UnitY),
        CameraPreset.Isometric => (Vector3.Normalize(new Vector3(1, -1, 1)), Vector3.UnitZ),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown camera preset."),
    };

    /// <summary>The projection a preset uses: orthographic for isometric, perspective otherwise.</summary>
    public static Projection DefaultProjection(CameraPreset preset) =>
        preset == CameraPreset.Isometric ? Projection.Orthographic : Projection.Perspective;

    /// <summary>
    /// A camera <paramref name="distance"/> voxels from <paramref name="target"/> in the preset's
    /// direction (for requests that give a camera distance instead of letting the view be framed).
    /// An orthographic preset shows the area a perspective camera at that distance would.
    /// </summary>
    public static Camera Orbit(CameraPreset preset, Vector3 target, float distance, float fovYDegrees = Camera.GoxelFovY)
    {
        if (!(distance > 0f && float.IsFinite(distance))) throw new ArgumentException($"Camera distance must be positive, got {distance}.", nameof(distance));
        var (direction, up) = Orientation(preset);
        var halfHeight = distance * MathF.Tan(fovYDegrees * MathF.PI / 360f);
        return new Camera(target + direction * distance, target, up, fovYDegrees, DefaultProjection(preset), halfHeight);
    }

    /// <summary>
    /// A camera looking from <paramref name="preset"/>'s direction at the centre of <paramref name="box"/>,
    /// as close as it can be while every corner of the box stays inside the image with a margin of
    /// <paramref name="margin"/> (a fraction of the half-size) on the tightest side.
    /// </summary>
    public static Camera Frame(CameraPreset preset, VoxelBox box, int width, int height,
        Projection? projection = null, float fovYDegrees = Camera.GoxelFovY, float margin = 0.08f)
    {
        var (direction, up) = Orientation(preset);
        return Frame(direction, up, box, width, height, projection ?? DefaultProjection(preset), fovYDegrees, margin);
    }

    /// <summary>Frames <paramref name="box"/> from any direction; see the preset overload.</summary>
    public static Camera Frame(Vector3 direction, Vector3 up, VoxelBox box, int width, int height,
        Projection projection, float fovYDegrees = Camera.GoxelFovY, float margin = 0.08f)
    {
        if (!box.IsValid) throw new ArgumentException("Cannot frame an empty box.", nameof(box));
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "Image size must be positive.");
        var aspect = (double)width / height;
        var back = Vector3.Normalize(direction);
        var right = Vector3.Normalize(Vector3.Cross(-back, up));
        var screenUp = Vector3.Cross(right, -back);
        var min = new Vector3(box.Min.X, box.Min.Y, box.Min.Z);
        var max = new Vector3(box.Max.X + 1f, box.Max.Y + 1f, box.Max.Z + 1f); // float: Max + 1 may pass int.MaxValue
        var centre = (min + max) * 0.5f;
        var scale = 1.0 + margin;

        // Each corner relative to the centre, in camera axes: x right, y up, z towards the eye.
        double needX = 0, needY = 0, distance = 0;
        var tanY = Math.Tan(fovYDegrees * Math.PI / 360.0);
        var tanX = tanY * aspect;
        for (var i = 0; i < 8; i++)
        {
            var corner = new Vector3((i & 1) != 0 ? max.X : min.X, (i & 2) != 0 ? max.Y : min.Y, (i & 4) != 0 ? max.Z : min.Z) - centre;
            double x = Math.Abs(Vector3.Dot(corner, right)) * scale, y = Math.Abs(Vector3.Dot(corner, screenUp)) * scale;
            double z = Vector3.Dot(corner, back);
            needX = Math.Max(needX, x);
            needY = Math.Max(needY, y);
            // The eye at distance d sees the corner at depth d - z: it fits when x <= (d - z) tanX.
            distance = Math.Max(distance, Math.Max(z + x / tanX, z + y / tanY));
        }
        if (projection == Projection.Orthographic)
        {
            var halfHeight = Math.Max(needY, needX / aspect);
            var radius = (max - min).Length();
            return new Camera(centre + back * (radius + 1f), centre, up, fovYDegrees, Projection.Orthographic, (float)Math.Max(halfHeight, 0.5));
        }
        return new Camera(centre + back * (float)distance, centre, up, fovYDegrees);
    }
}
