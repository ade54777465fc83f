using System.Runtime.CompilerServices;
using Goxel.Core;

namespace Goxel.Render;

internal sealed partial class SceneGrid
{
    // A hard cap on cell steps per ray: far more than any real scene needs, so a pathological
    // scene costs bounded time instead of hanging a render thread.
    private const int MaxSteps = 1 << 20;

    /// <summary>
    /// Marches <paramref name="ray"/> from <paramref name="tMin"/> to <paramref name="tMax"/> and
    /// returns the first solid cell entered from empty space. A ray that starts inside solid cells
    /// ignores them until it has passed through an empty cell (so a camera inside a wall sees out),
    /// unless <paramref name="startsInEmpty"/> says the start is known to be empty.
    /// The walk is hierarchical, every level 4 times coarser than the one below (voxels, 4^3
    /// sub-blocks, blocks, 4^3 blocks, ...): an empty cell is crossed in one step whatever its
    /// level, so the work per ray depends on the cells crossed, not on the size of empty space.
    /// </summary>
    public bool Trace(in Ray ray, double tMin, double tMax, bool startsInEmpty, out Hit hit)
    {
        hit = default;
        if (IsEmpty) return false;

        // Clip to the tight box of all solid cells.
        var box = _solidBox;
        double ax = (box.MinX - ray.Ox) * ray.Ix, bx = (box.MaxX - ray.Ox) * ray.Ix;
        double ay = (box.MinY - ray.Oy) * ray.Iy, by = (box.MaxY - ray.Oy) * ray.Iy;
        double az = (box.MinZ - ray.Oz) * ray.Iz, bz = (box.MaxZ - ray.Oz) * ray.Iz;
        var tNear = Min(ax, bx);
        var axis = 0;
        if (Min(ay, by) > tNear) { tNear = Min(ay, by); axis = 1; }
        if (Min(az, bz) > tNear) { tNear = Min(az, bz); axis = 2; }
        var tFar = Min(Max(ax, bx), Min(Max(ay, by), Max(az, bz)));
        var tEnd = Min(tFar, tMax);
        var t = tNear;
        var armed = true;
        if (tNear <= tMin)
        {
            t = tMin;
            axis = -1;
            armed = startsInEmpty;
        }
        if (t > tEnd) return false;
        return TopLevel == BlockLevel
            ? MarchBlocks(in ray, t, axis, tEnd, armed, out hit)
            : March(in ray, t, axis, tEnd, armed, out hit);
    }

    /// <summary>
    /// The walk for scenes small enough that blocks are the top level (up to about 4x4x4 blocks):
    /// a plain DDA over blocks with all state in locals.
    /// </summary>
    private bool MarchBlocks(in Ray ray, double t, int axis, double tEnd, bool armed, out Hit hit)
    {
        hit = default;
        int sx = ray.Dx > 0 ? 1 : -1, sy = ray.Dy > 0 ? 1 : -1, sz = ray.Dz > 0 ? 1 : -1;
        VoxelAt(in ray, t, axis, sx, sy, sz, SolidMin.X, SolidMax.X, SolidMin.Y, SolidMax.Y, SolidMin.Z, SolidMax.Z,
            out var vx, out var vy, out var vz);
        int bx = vx >> Block.Shift, by = vy >> Block.Shift, bz = vz >> Block.Shift;
        var ex = ((sx > 0 ? bx + 1.0 : bx) * Block.Size - ray.Ox) * ray.Ix;
        var ey = ((sy > 0 ? by + 1.0 : by) * Block.Size - ray.Oy) * ray.Iy;
        var ez = ((sz > 0 ? bz + 1.0 : bz) * Block.Size - ray.Oz) * ray.Iz;
        double dx = Math.Abs(ray.Ix) * Block.Size, dy = Math.Abs(ray.Iy) * Block.Size, dz = Math.Abs(ray.Iz) * Block.Size;
        for (var steps = 0; steps < MaxSteps; steps++)
        {
            var i = _table!.Find(bx, by, bz);
            if (i >= 0 && _subMasks[i] != 0)
            {
                if (HitInBlock(i, bx, by, bz, in ray, t, axis, tEnd, sx, sy, sz, ref armed, out hit)) return true;
            }
            else armed = true;

            if (ex <= ey && ex <= ez)
            {
                t = ex;
                axis = 0;
                bx += sx;
                ex += dx;
            }
            else if (ey <= ez)
            {
                t = ey;
                axis = 1;
                by += sy;
                ey += dy;
            }
            else
            {
                t = ez;
                axis = 2;
                bz += sz;
                ez += dz;
            }
            if (t > tEnd) return false;
        }
        return false;
    }

    /// <summary>The hierarchical walk of <see cref="Trace"/>, for a ray known to cross the solid box; kept
    /// apart so rays that miss the box pay only for the slab test, not this method's stack frame.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool March(in Ray ray, double t, int axis, double tEnd, bool armed, out Hit hit)
    {
        hit = default;
        int sx = ray.Dx > 0 ? 1 : -1, sy = ray.Dy > 0 ? 1 : -1, sz = ray.Dz > 0 ? 1 : -1;
        double dx = Math.Abs(ray.Ix), dy = Math.Abs(ray.Iy), dz = Math.Abs(ray.Iz);
        var level = TopLevel;
        // Per level: the current cell and the ray times at which it leaves that cell on each axis.
        Span<int> cells = stackalloc int[3 * (TopLevel + 1)];
        Span<double> exits = stackalloc double[3 * (TopLevel + 1)];
        {
            VoxelAt(in ray, t, axis, sx, sy, sz, SolidMin.X, SolidMax.X, SolidMin.Y, SolidMax.Y, SolidMin.Z, SolidMax.Z,
                out var vx, out var vy, out var vz);
            Enter(in ray, level, vx, vy, vz, sx, sy, sz, cells, exits);
        }

        for (var steps = 0; steps < MaxSteps; steps++)
        {
            var c = 3 * level;
            int cx = cells[c], cy = cells[c + 1], cz = cells[c + 2];
            bool occupied;
            if (level == BlockLevel)
            {
                var i = _table!.Find(cx, cy, cz);
                occupied = i >= 0 && _subMasks[i] != 0;
                if (occupied)
                {
                    if (HitInBlock(i, cx, cy, cz, in ray, t, axis, tEnd, sx, sy, sz, ref armed, out hit)) return true;
                    goto advance;
                }
            }
            else occupied = _levels[level]!.Has(cx, cy, cz);

            if (occupied)
            {
                // Descend into the child cell the ray is in at time t.
                var size = 1L << (2 * level);
                VoxelAt(in ray, t, axis, sx, sy, sz,
                    cx * size, cx * size + size - 1, cy * size, cy * size + size - 1, cz * size, cz * size + size - 1,
                    out var vx, out var vy, out var vz);
                level--;
                Enter(in ray, level, vx, vy, vz, sx, sy, sz, cells, exits);
                continue;
            }
            armed = true;

        advance:
            // Step to the neighbour through the nearest exit face (Amanatides and Woo, per level).
            double ex = exits[c], ey = exits[c + 1], ez = exits[c + 2];
            axis = ex <= ey ? (ex <= ez ? 0 : 2) : (ey <= ez ? 1 : 2);
            t = exits[c + axis];
            if (t > tEnd) return false;
            var step = axis == 0 ? sx : axis == 1 ? sy : sz;
            var delta = axis == 0 ? dx : axis == 1 ? dy : dz;
            cells[c + axis] += step;
            exits[c + axis] += delta * LevelSize[level];

            // Climb while the step left the parent cell; only the crossed axis can have changed.
            while (level < TopLevel)
            {
                var p = c + 3;
                var parent = cells[c + axis] >> 2;
                if (parent == cells[p + axis]) break;
                cells[p + axis] = parent;
                level++;
                exits[p + axis] += delta * LevelSize[level];
                c = p;
            }
        }
        return false;
    }

    /// <summary>
    /// Walks one mixed block: 4^3 sub-blocks, and the voxels of each sub-block that holds a solid
    /// cell. All state in locals: this is the innermost loop of every render.
    /// </summary>
    /// <summary>Looks for the first solid cell of occupied block <paramref name="i"/> along the ray.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool HitInBlock(int i, int bx, int by, int bz, in Ray ray, double t, int axis, double tEnd, int sx, int sy, int sz,
        ref bool armed, out Hit hit)
    {
        var block = _blocks[i];
        if (!block.IsUniform)
        {
            // Cells kept one per cell are read from the array; other forms through the block.
            return block.TryGetCells(out var cells)
                ? MarchBlock(new SpanCells(cells), _subMasks[i], _solidBoxes[i], bx, by, bz, in ray, t, axis, tEnd, sx, sy, sz, ref armed, out hit)
                : MarchBlock(new BlockCells(block.Source!), _subMasks[i], _solidBoxes[i], bx, by, bz, in ray, t, axis, tEnd, sx, sy, sz, ref armed, out hit);
        }
        hit = default;
        // A uniform block with any solid cell is solid everywhere: hit at the entry.
        if (!armed) return false;
        VoxelAt(in ray, t, axis, sx, sy, sz, bx * 16L, bx * 16L + 15, by * 16L, by * 16L + 15, bz * 16L, bz * 16L + 15,
            out var hx, out var hy, out var hz);
        hit = MakeHit(hx, hy, hz, axis, sx, sy, sz, t, block.Uniform);
        return true;
    }

    private static bool MarchBlock<TCells>(TCells cells, ulong mask, SolidBox box, int bx, int by, int bz, in Ray ray, double t, int axis,
        double tEnd, int sx, int sy, int sz, ref bool armed, out Hit hit)
        where TCells : ICellSource, allows ref struct
    {
        hit = default;
        int ox = bx << Block.Shift, oy = by << Block.Shift, oz = bz << Block.Shift;

        // Skip straight to the tight box of the block's solid cells; everything before it is empty.
        int x0 = ox + box.MinX, y0 = oy + box.MinY, z0 = oz + box.MinZ, x1 = ox + box.MaxX, y1 = oy + box.MaxY, z1 = oz + box.MaxZ;
        double ax = (x0 - ray.Ox) * ray.Ix, bx1 = (x1 + 1.0 - ray.Ox) * ray.Ix;
        double ay = (y0 - ray.Oy) * ray.Iy, by1 = (y1 + 1.0 - ray.Oy) * ray.Iy;
        double az = (z0 - ray.Oz) * ray.Iz, bz1 = (z1 + 1.0 - ray.Oz) * ray.Iz;
        var near = Min(ax, bx1);
        var nearAxis = 0;
        if (Min(ay, by1) > near) { near = Min(ay, by1); nearAxis = 1; }
        if (Min(az, bz1) > near) { near = Min(az, bz1); nearAxis = 2; }
        var far = Min(Max(ax, bx1), Min(Max(ay, by1), Max(az, bz1)));
        tEnd = Min(tEnd, far);
        if (near > t)
        {
            t = near;
            axis = nearAxis;
            armed = true;
        }
        if (t > tEnd) return false;
        VoxelAt(in ray, t, axis, sx, sy, sz, x0, x1, y0, y1, z0, z1, out var vx, out var vy, out var vz);
        int ux = (vx - ox) >> 2, uy = (vy - oy) >> 2, uz = (vz - oz) >> 2;
        var ex = ((sx > 0 ? ux + 1.0 : ux) * 4 + ox - ray.Ox) * ray.Ix;
        var ey = ((sy > 0 ? uy + 1.0 : uy) * 4 + oy - ray.Oy) * ray.Iy;
        var ez = ((sz > 0 ? uz + 1.0 : uz) * 4 + oz - ray.Oz) * ray.Iz;
        double dx = Math.Abs(ray.Ix), dy = Math.Abs(ray.Iy), dz = Math.Abs(ray.Iz);
        var first = true;
        while (true)
        {
            if (((mask >> (ux | (uy << 2) | (uz << 4))) & 1) != 0)
            {
                if (!first)
                {
                    var sx0 = ox + ux * 4;
                    var sy0 = oy + uy * 4;
                    var sz0 = oz + uz * 4;
                    VoxelAt(in ray, t, axis, sx, sy, sz, sx0, sx0 + 3, sy0, sy0 + 3, sz0, sz0 + 3, out vx, out vy, out vz);
                }
                int lx = vx - ox, ly = vy - oy, lz = vz - oz;
                var vex = ((sx > 0 ? vx + 1.0 : vx) - ray.Ox) * ray.Ix;
                var vey = ((sy > 0 ? vy + 1.0 : vy) - ray.Oy) * ray.Iy;
                var vez = ((sz > 0 ? vz + 1.0 : vz) - ray.Oz) * ray.Iz;
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
                    if (vex <= vey && vex <= vez)
                    {
                        t = vex;
                        axis = 0;
                        lx += sx;
                        vex += dx;
                        if (lx >> 2 != ux) break;
                    }
                    else if (vey <= vez)
                    {
                        t = vey;
                        axis = 1;
                        ly += sy;
                        vey += dy;
                        if (ly >> 2 != uy) break;
                    }
                    else
                    {
                        t = vez;
                        axis = 2;
                        lz += sz;
                        vez += dz;
                        if (lz >> 2 != uz) break;
                    }
                    if (t > tEnd) return false;
                }
                if (t > tEnd) return false;
            }
            else
            {
                armed = true;
                axis = ex <= ey ? (ex <= ez ? 0 : 2) : (ey <= ez ? 1 : 2);
                t = axis == 0 ? ex : axis == 1 ? ey : ez;
                if (t > tEnd) return false;
            }
            // Step to the next sub-block along the axis just crossed.
            first = false;
            switch (axis)
            {
                case 0:
                    ux += sx;
                    ex += 4 * dx;
                    if ((uint)ux > 3) return false;
                    break;
                case 1:
                    uy += sy;
                    ey += 4 * dy;
                    if ((uint)uy > 3) return false;
                    break;
                default:
                    uz += sz;
                    ez += 4 * dz;
                    if ((uint)uz > 3) return false;
                    break;
            }
        }
    }

    /// <summary>Cell size in voxels of each level.</summary>
    private static readonly double[] LevelSize = [.. Enumerable.Range(0, 16).Select(l => Math.Pow(4, l))];

    /// <summary>Makes the cell of <paramref name="level"/> holding voxel (vx, vy, vz) current and computes its exit times.</summary>
    private static void Enter(in Ray ray, int level, int vx, int vy, int vz, int sx, int sy, int sz, Span<int> cells, Span<double> exits)
    {
        var shift = 2 * level;
        var c = 3 * level;
        int cx = vx >> shift, cy = vy >> shift, cz = vz >> shift;
        cells[c] = cx;
        cells[c + 1] = cy;
        cells[c + 2] = cz;
        var size = LevelSize[level];
        exits[c] = ((sx > 0 ? cx + 1.0 : cx) * size - ray.Ox) * ray.Ix;
        exits[c + 1] = ((sy > 0 ? cy + 1.0 : cy) * size - ray.Oy) * ray.Iy;
        exits[c + 2] = ((sz > 0 ? cz + 1.0 : cz) * size - ray.Oz) * ray.Iz;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VoxelAt(in Ray ray, double t, int axis, int sx, int sy, int sz,
        long x0, long x1, long y0, long y1, long z0, long z1, out int vx, out int vy, out int vz)
    {
        vx = axis == 0 ? (int)(sx > 0 ? x0 : x1) : FloorClamp(ray.Ox + ray.Dx * t, x0, x1);
        vy = axis == 1 ? (int)(sy > 0 ? y0 : y1) : FloorClamp(ray.Oy + ray.Dy * t, y0, y1);
        vz = axis == 2 ? (int)(sz > 0 ? z0 : z1) : FloorClamp(ray.Oz + ray.Dz * t, z0, z1);
    }

    /// <summary>floor(v) clamped to [lo, hi]; without Math.Floor, which NativeAOT's baseline instruction set turns into a call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FloorClamp(double v, long lo, long hi)
    {
        if (!(v > lo)) return (int)lo; // also NaN
        if (v >= hi) return (int)hi;
        var i = (long)v;
        return (int)(v < i ? i - 1 : i);
    }

    // Plain comparisons: Math.Min/Max on doubles honour NaN and -0, which costs a long instruction
    // chain per call; ray times are never NaN here.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Min(double a, double b) => a < b ? a : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Max(double a, double b) => a > b ? a : b;
}
