using Goxel.Core;

namespace Goxel.Formats.Mesh;

/// <summary>
/// Hidden-face culling plus greedy merging. Faces are gathered per plane from the voxels
/// themselves (not by scanning the bounding box), so sparse scenes with far-apart voxels cost
/// what their surface costs.
/// </summary>
internal static class VoxelMesher
{
    private const byte SolidAlpha = 127;

    public static VoxelMesh Build(Volume volume, MeshStyle style)
    {
        // Faces grouped by (direction, plane), each a map of (u, v) -> colour.
        var planes = new Dictionary<(int Direction, int Plane), Dictionary<(int U, int V), uint>>();
        var reader = volume.CreateReader();
        Span<int> p = stackalloc int[3];
        foreach (var voxel in volume)
        {
            if (voxel.Color.A < SolidAlpha) continue;
            p[0] = voxel.Position.X; p[1] = voxel.Position.Y; p[2] = voxel.Position.Z;
            for (var axis = 0; axis < 3; axis++)
            for (var sign = 0; sign < 2; sign++)
            {
                var step = sign == 0 ? 1 : -1;
                p[axis] += step;
                var neighbour = reader.GetPacked(p[0], p[1], p[2]);
                p[axis] -= step;
                if (neighbour >> 24 >= SolidAlpha) continue;
                var plane = p[axis] + (sign == 0 ? 1 : 0);
                var key = (2 * axis + sign, plane);
                if (!planes.TryGetValue(key, out var faces)) planes[key] = faces = [];
                // Exports ignore alpha: colours are written opaque.
                faces[(p[(axis + 1) % 3], p[(axis + 2) % 3])] = voxel.Color.Packed | 0xFF000000u;
            }
        }

        var quads = new List<Quad>();
        foreach (var ((direction, plane), faces) in planes.OrderBy(kv => kv.Key.Direction).ThenBy(kv => kv.Key.Plane))
        {
            var axis = direction / 2;
            var positive = direction % 2 == 0;
            if (style == MeshStyle.Cubes)
            {
                foreach (var ((u, v), c) in faces.OrderBy(f => f.Key.V).ThenBy(f => f.Key.U))
                    quads.Add(new Quad(axis, positive, plane, u, v, 1, 1, Rgba.FromPacked(c)));
                continue;
            }
            Merge(faces, axis, positive, plane, quads);
        }
        return new VoxelMesh(quads);
    }

    // Classic greedy rectangles: take the lowest unused face, grow it along u while the colour
    // holds, then along v while whole rows match.
    private static void Merge(Dictionary<(int U, int V), uint> faces, int axis, bool positive, int plane, List<Quad> quads)
    {
        foreach (var (u0, v0) in faces.Keys.OrderBy(k => k.V).ThenBy(k => k.U).ToList())
        {
            if (!faces.TryGetValue((u0, v0), out var color)) continue;
            var width = 1;
            while (faces.TryGetValue((u0 + width, v0), out var c) && c == color) width++;
            var height = 1;
            while (true)
            {
                var rowMatches = true;
                // Offsets, not end coordinates: u0 + width may pass int.MaxValue at the edge of space.
                for (var du = 0; du < width && rowMatches; du++)
                    rowMatches = faces.TryGetValue((u0 + du, v0 + height), out var c) && c == color;
                if (!rowMatches) break;
                height++;
            }
            for (var dv = 0; dv < height; dv++)
            for (var du = 0; du < width; du++)
                faces.Remove((u0 + du, v0 + dv));
            quads.Add(new Quad(axis, positive, plane, u0, v0, width, height, Rgba.FromPacked(color)));
        }
    }
}
