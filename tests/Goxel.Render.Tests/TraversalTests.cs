using System.Numerics;
using Goxel.Core;

namespace Goxel.Render.Tests;

/// <summary>
/// The hierarchical walk (coarse levels, blocks, sub-blocks, tight boxes) finds the same first
/// voxel and face as a plain voxel-by-voxel walk over the whole volume, for random scenes and cameras.
/// </summary>
public sealed class TraversalTests
{
    /// <summary>Plain Amanatides-Woo over every voxel of a box, reading the volume cell by cell.</summary>
    private static (Int3 Voxel, int Axis)? Reference(Volume volume, in Ray ray, double tMin, VoxelBox box)
    {
        double Slab(double o, double inv, double lo, double hi, out double far)
        {
            double a = (lo - o) * inv, b = (hi - o) * inv;
            far = Math.Max(a, b);
            return Math.Min(a, b);
        }
        var nx = Slab(ray.Ox, ray.Ix, box.Min.X, box.Max.X + 1.0, out var fx);
        var ny = Slab(ray.Oy, ray.Iy, box.Min.Y, box.Max.Y + 1.0, out var fy);
        var nz = Slab(ray.Oz, ray.Iz, box.Min.Z, box.Max.Z + 1.0, out var fz);
        var t = Math.Max(Math.Max(nx, ny), Math.Max(nz, tMin));
        var end = Math.Min(fx, Math.Min(fy, fz));
        if (t > end) return null;
        var axis = t == nx ? 0 : t == ny ? 1 : 2;
        var p = new[] { ray.Ox + ray.Dx * t, ray.Oy + ray.Dy * t, ray.Oz + ray.Dz * t };
        var d = new[] { ray.Dx, ray.Dy, ray.Dz };
        var lo = new[] { box.Min.X, box.Min.Y, box.Min.Z };
        var hi = new[] { box.Max.X, box.Max.Y, box.Max.Z };
        var v = new int[3];
        for (var a = 0; a < 3; a++)
            v[a] = a == axis ? (d[a] > 0 ? lo[a] : hi[a]) : Math.Clamp((int)Math.Floor(p[a]), lo[a], hi[a]);
        var o = new[] { ray.Ox, ray.Oy, ray.Oz };
        var inv = new[] { ray.Ix, ray.Iy, ray.Iz };
        var next = new double[3];
        for (var a = 0; a < 3; a++) next[a] = ((d[a] > 0 ? v[a] + 1.0 : v[a]) - o[a]) * inv[a];
        while (true)
        {
            if (volume.Get(v[0], v[1], v[2]).A >= SceneGrid.SolidAlpha) return (new Int3(v[0], v[1], v[2]), axis);
            axis = next[0] <= next[1] ? (next[0] <= next[2] ? 0 : 2) : (next[1] <= next[2] ? 1 : 2);
            if (next[axis] > end) return null;
            v[axis] += d[axis] > 0 ? 1 : -1;
            next[axis] += Math.Abs(inv[axis]);
        }
    }

    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 40)]
    [InlineData(3, 300)]
    [InlineData(4, 3000)]
    public void HierarchicalWalkMatchesPlainWalk(int seed, int spread)
    {
        var random = new Random(seed);
        var project = new Project("random");
        var volume = project.ActiveLayer.Volume;
        for (var i = 0; i < 40; i++)
        {
            var min = new Int3(random.Next(-spread, spread), random.Next(-spread, spread), random.Next(-spread, spread));
            var size = new Int3(random.Next(1, 20), random.Next(1, 20), random.Next(1, 20));
            volume.FillBox(new VoxelBox(min, new Int3(min.X + size.X - 1, min.Y + size.Y - 1, min.Z + size.Z - 1)),
                new Rgba(200, 100, 50, (byte)(random.Next(4) == 0 ? 60 : 255)));
            // Scatter single cells and carve holes so blocks are mixed, not only uniform.
            for (var k = 0; k < 30; k++)
                volume.Set(min.X + random.Next(-3, size.X + 3), min.Y + random.Next(-3, size.Y + 3), min.Z + random.Next(-3, size.Z + 3),
                    random.Next(3) == 0 ? Rgba.Empty : new Rgba(10, 200, 10, 255));
        }
        var grid = SceneGrid.Build(project);
        var box = new VoxelBox(grid.SolidMin, grid.SolidMax);
        var centre = new Vector3(box.Min.X + box.Max.X, box.Min.Y + box.Max.Y, box.Min.Z + box.Max.Z) / 2;
        int rays = 0, mismatches = 0;
        for (var c = 0; c < 12; c++)
        {
            // Cameras outside and inside the scene, perspective and orthographic.
            var direction = Vector3.Normalize(new Vector3(random.NextSingle() - 0.5f, random.NextSingle() - 0.5f, random.NextSingle() - 0.5f));
            var distance = spread * (c % 3 == 0 ? 0.3f : 4f);
            var camera = new Camera(centre + direction * distance, centre, Vector3.UnitZ, 40,
                c % 4 == 3 ? Projection.Orthographic : Projection.Perspective, spread);
            if (Vector3.Cross(Vector3.Normalize(camera.Target - camera.Position), camera.Up).LengthSquared() < 1e-4f) continue;
            var view = new ViewRays(camera, 48, 48);
            var tMin = camera.Projection == Projection.Orthographic ? double.NegativeInfinity : 0.0;
            for (var y = 0; y < 48; y++)
            for (var x = 0; x < 48; x++)
            {
                var ray = view.At(x + 0.5, y + 0.5);
                var startsInside = tMin == 0.0 && box.Contains((int)Math.Floor(ray.Ox), (int)Math.Floor(ray.Oy), (int)Math.Floor(ray.Oz))
                    && volume.Get((int)Math.Floor(ray.Ox), (int)Math.Floor(ray.Oy), (int)Math.Floor(ray.Oz)).A >= SceneGrid.SolidAlpha;
                if (startsInside) continue; // the reference has no "see out of a wall" rule
                rays++;
                var expected = Reference(volume, in ray, tMin, box);
                var found = grid.Trace(in ray, tMin, double.PositiveInfinity, startsInEmpty: false, out var hit);
                var same = expected is null ? !found : found && new Int3(hit.X, hit.Y, hit.Z) == expected.Value.Voxel && hit.Axis == expected.Value.Axis;
                if (!same) mismatches++;
            }
        }
        Assert.True(rays > 5000, $"only {rays} rays");
        // Rays through exact cell edges may pick either neighbour; anything more is a traversal bug.
        Assert.True(mismatches <= rays / 1000, $"{mismatches} of {rays} rays disagree with the plain walk");
    }
}
