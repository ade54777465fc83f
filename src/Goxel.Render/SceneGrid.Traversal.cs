using Goxel.Core;

namespace Goxel.Render;

internal sealed partial class SceneGrid
{
    // A hard cap on coarse steps per ray: far more than any real scene needs, so a pathological
    // scene costs bounded time instead of hanging a render thread.
    private const int MaxSteps = 1 << 20;

    /// <summary>
    /// Marches <paramref name="ray"/> from <paramref name="tMin"/> to <paramref name="tMax"/> and
    /// returns the first solid cell entered from empty space. A ray that starts inside solid cells
    /// ignores them until it has passed through an empty cell (so a camera inside a wall sees out),
    /// unless <paramref name="startsInEmpty"/> says the start is known to be empty.
    /// Empty coarse cells and blocks are skipped whole; work per ray is bounded by the number of
    /// cells crossed on each level, never by the size of the empty space.
    /// </summary>
    public bool Trace(in Ray ray, double tMin, double tMax, bool startsInEmpty, out Hit hit)
    {
        hit = default;
        if (IsEmpty) return false;

        // Clip to the box of all blocks.
        double minX = (double)BlockMin.X * Block.Size, maxX = ((double)BlockMax.X + 1) * Block.Size;
        double minY = (double)BlockMin.Y * Block.Size, maxY = ((double)BlockMax.Y + 1) * Block.Size;
        double minZ = (double)BlockMin.Z * Block.Size, maxZ = ((double)BlockMax.Z + 1) * Block.Size;
        double ax = (minX - ray.Ox) * ray.Ix, bx = (maxX - ray.Ox) * ray.Ix;
        double ay = (minY - ray.Oy) * ray.Iy, by = (maxY - ray.Oy) * ray.Iy;
        double az = (minZ - ray.Oz) * ray.Iz, bz = (maxZ - ray.Oz) * ray.Iz;
        var tNear = Math.Min(ax, bx);
        var axis = 0;
        if (Math.Min(ay, by) > tNear) { tNear = Math.Min(ay, by); axis = 1; }
        if (Math.Min(az, bz) > tNear) { tNear = Math.Min(az, bz); axis = 2; }
        var tFar = Math.Min(Math.Max(ax, bx), Math.Min(Math.Max(ay, by), Math.Max(az, bz)));
        var tEnd = Math.Min(tFar, tMax);
        var t = tNear;
        var armed = true;
        if (tNear <= tMin)
        {
            t = tMin;
            axis = -1;
            armed = startsInEmpty;
        }
        if (t > tEnd) return false;

        int sx = ray.Dx > 0 ? 1 : -1, sy = ray.Dy > 0 ? 1 : -1, sz = ray.Dz > 0 ? 1 : -1;
        var level = TopLevel;
        Span<int> cells = stackalloc int[3 * (TopLevel + 1)];
        {
            VoxelAt(in ray, t, axis, sx, sy, sz,
                (long)BlockMin.X * Block.Size, (long)BlockMax.X * Block.Size + Block.Mask,
                (long)BlockMin.Y * Block.Size, (long)BlockMax.Y * Block.Size + Block.Mask,
                (long)BlockMin.Z * Block.Size, (long)BlockMax.Z * Block.Size + Block.Mask,
                out var vx, out var vy, out var vz);
            var shift = VoxelShift(level);
            cells[3 * level] = vx >> shift;
            cells[3 * level + 1] = vy >> shift;
            cells[3 * level + 2] = vz >> shift;
        }

        for (var steps = 0; steps < MaxSteps; steps++)
        {
            var c = 3 * level;
            int cx = cells[c], cy = cells[c + 1], cz = cells[c + 2];
            if (level == 1)
            {
                var i = _table!.Find(cx, cy, cz);
                if (i >= 0)
                {
                    if (MarchBlock(i, cx, cy, cz, in ray, t, axis, tEnd, sx, sy, sz, ref armed, out hit)) return true;
                }
                else armed = true;
            }
            else if (Occupied(level, cx, cy, cz))
            {
                // Descend into the child cell the ray is in at time t.
                var shift = VoxelShift(level);
                long lo = 1;
                lo <<= shift;
                VoxelAt(in ray, t, axis, sx, sy, sz,
                    (long)cx * lo, (long)cx * lo + lo - 1, (long)cy * lo, (long)cy * lo + lo - 1, (long)cz * lo, (long)cz * lo + lo - 1,
                    out var vx, out var vy, out var vz);
                level--;
                var childShift = VoxelShift(level);
                cells[3 * level] = vx >> childShift;
                cells[3 * level + 1] = vy >> childShift;
                cells[3 * level + 2] = vz >> childShift;
                continue;
            }
            else armed = true;

            // Leave the current cell through its nearest exit face.
            double size = 1L << VoxelShift(level);
            var tx = ((sx > 0 ? cx + 1.0 : cx) * size - ray.Ox) * ray.Ix;
            var ty = ((sy > 0 ? cy + 1.0 : cy) * size - ray.Oy) * ray.Iy;
            var tz = ((sz > 0 ? cz + 1.0 : cz) * size - ray.Oz) * ray.Iz;
            if (tx <= ty && tx <= tz) { t = tx; axis = 0; cells[c] += sx; }
            else if (ty <= tz) { t = ty; axis = 1; cells[c + 1] += sy; }
            else { t = tz; axis = 2; cells[c + 2] += sz; }
            if (t > tEnd) return false;

            // Climb while the step left the parent cell.
            while (level < TopLevel)
            {
                var p = 3 * (level + 1);
                int px = cells[3 * level] >> 2, py = cells[3 * level + 1] >> 2, pz = cells[3 * level + 2] >> 2;
                if (px == cells[p] && py == cells[p + 1] && pz == cells[p + 2]) break;
                cells[p] = px;
                cells[p + 1] = py;
                cells[p + 2] = pz;
                level++;
            }
        }
        return false;
    }

    /// <summary>
    /// Steps cell by cell through one block (Amanatides and Woo). Returns true at the first solid
    /// cell reached from empty space; false when the ray leaves the block or passes <paramref name="tEnd"/>.
    /// </summary>
    private bool MarchBlock(int index, int bx, int by, int bz, in Ray ray, double t, int axis, double tEnd,
        int sx, int sy, int sz, ref bool armed, out Hit hit)
    {
        hit = default;
        var block = _blocks[index];
        int ox = bx << Block.Shift, oy = by << Block.Shift, oz = bz << Block.Shift;
        VoxelAt(in ray, t, axis, sx, sy, sz, ox, ox + Block.Mask, oy, oy + Block.Mask, oz, oz + Block.Mask,
            out var vx, out var vy, out var vz);
        if (block.IsUniform)
        {
            var value = block.Uniform;
            if (value >> 24 < SolidAlpha)
            {
                armed = true;
                return false;
            }
            if (!armed) return false;
            hit = MakeHit(vx, vy, vz, axis, sx, sy, sz, t, value);
            return true;
        }

        var cells = block.Cells;
        int lx = vx - ox, ly = vy - oy, lz = vz - oz;
        var tMaxX = ((sx > 0 ? vx + 1.0 : vx) - ray.Ox) * ray.Ix;
        var tMaxY = ((sy > 0 ? vy + 1.0 : vy) - ray.Oy) * ray.Iy;
        var tMaxZ = ((sz > 0 ? vz + 1.0 : vz) - ray.Oz) * ray.Iz;
        double dX = Math.Abs(ray.Ix), dY = Math.Abs(ray.Iy), dZ = Math.Abs(ray.Iz);
        while (true)
        {
            var value = cells[lx | (ly << Block.Shift) | (lz << (2 * Block.Shift))];
            if (value >> 24 >= SolidAlpha)
            {
                if (armed)
                {
                    hit = MakeHit(ox + lx, oy + ly, oz + lz, axis, sx, sy, sz, t, value);
                    return true;
                }
            }
            else armed = true;

            if (tMaxX <= tMaxY && tMaxX <= tMaxZ)
            {
                t = tMaxX;
                lx += sx;
                if ((uint)lx > Block.Mask) return false;
                tMaxX += dX;
                axis = 0;
            }
            else if (tMaxY <= tMaxZ)
            {
                t = tMaxY;
                ly += sy;
                if ((uint)ly > Block.Mask) return false;
                tMaxY += dY;
                axis = 1;
            }
            else
            {
                t = tMaxZ;
                lz += sz;
                if ((uint)lz > Block.Mask) return false;
                tMaxZ += dZ;
                axis = 2;
            }
            if (t > tEnd) return false;
        }
    }

    private static Hit MakeHit(int x, int y, int z, int axis, int sx, int sy, int sz, double t, uint color)
    {
        // A ray entering through a face moves against that face's outward normal.
        var a = axis < 0 ? 2 : axis;
        var sign = a switch { 0 => -sx, 1 => -sy, _ => -sz };
        return new Hit { X = x, Y = y, Z = z, Axis = a, Sign = sign, T = t, Color = color };
    }

    /// <summary>
    /// The voxel the ray is in at time <paramref name="t"/>, clamped to a cell's voxel range. On the
    /// axis the ray just crossed, the position is taken from the crossing itself, not from rounding.
    /// </summary>
    private static void VoxelAt(in Ray ray, double t, int axis, int sx, int sy, int sz,
        long x0, long x1, long y0, long y1, long z0, long z1, out int vx, out int vy, out int vz)
    {
        vx = axis == 0 ? (int)(sx > 0 ? x0 : x1) : Clamp(Math.Floor(ray.Ox + ray.Dx * t), x0, x1);
        vy = axis == 1 ? (int)(sy > 0 ? y0 : y1) : Clamp(Math.Floor(ray.Oy + ray.Dy * t), y0, y1);
        vz = axis == 2 ? (int)(sz > 0 ? z0 : z1) : Clamp(Math.Floor(ray.Oz + ray.Dz * t), z0, z1);
    }

    private static int Clamp(double v, long lo, long hi) => (int)Math.Clamp(v, lo, hi);
}
