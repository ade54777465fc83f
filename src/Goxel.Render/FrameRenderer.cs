using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using Goxel.Core;

namespace Goxel.Render;

/// <summary>One render in progress: the scene, the camera rays, the shading tables; draws tiles.</summary>
internal sealed class FrameRenderer
{
    /// <summary>Tiles are square; small enough to balance two cores, big enough to amortise scheduling.</summary>
    public const int TileSize = 32;

    // Voxel edges are drawn at this fraction of the face's brightness.
    private const float EdgeDarkening = 0.6f;

    // Shadow rays start this far off the face, outside the solid cell.
    private const double FaceOffset = 1e-4;

    private readonly SceneGrid _grid;
    private readonly ViewRays _rays;
    private readonly RenderOptions _options;
    private readonly FaceShading[] _faces = new FaceShading[6];
    private readonly Ray _lightRay;
    private readonly int _samples;
    private readonly int _frame = FaceCache.NewFrame();

    /// <summary>
    /// Pixels outside this rectangle (inclusive, in pixels) cannot see any solid cell: it bounds the
    /// projection of the corners of the solid box. They get the background without casting a ray.
    /// The whole image when a corner is behind the camera, where projection does not bound.
    /// </summary>
    private readonly (int X0, int Y0, int X1, int Y1) _sceneRect;

    public FrameRenderer(SceneGrid grid, Camera camera, RenderOptions options)
    {
        _grid = grid;
        _options = options;
        _samples = options.Supersampling;
        _rays = new ViewRays(camera, options.Width * _samples, options.Height * _samples);
        var toLight = Light.Direction;
        _lightRay = new Ray(0, 0, 0, toLight.X, toLight.Y, toLight.Z);
        for (var f = 0; f < 6; f++) _faces[f] = new FaceShading(Normal(f), toLight, _rays.ToEye);
        _sceneRect = SceneRectangle(grid, camera, options.Width, options.Height);
    }

    private static (int, int, int, int) SceneRectangle(SceneGrid grid, Camera camera, int width, int height)
    {
        if (grid.IsEmpty) return (1, 1, 0, 0);
        var forward = Vector3.Normalize(camera.Target - camera.Position);
        var right = Vector3.Normalize(Vector3.Cross(forward, camera.Up));
        var up = Vector3.Cross(right, forward);
        var ortho = camera.Projection == Projection.Orthographic;
        var halfHeight = ortho ? camera.OrthoHalfHeight : Math.Tan(camera.FovYDegrees * Math.PI / 360.0);
        var halfWidth = halfHeight * width / height;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < 8; i++)
        {
            var corner = new Vector3(
                (i & 1) != 0 ? grid.SolidMax.X + 1f : grid.SolidMin.X,
                (i & 2) != 0 ? grid.SolidMax.Y + 1f : grid.SolidMin.Y,
                (i & 4) != 0 ? grid.SolidMax.Z + 1f : grid.SolidMin.Z) - camera.Position;
            double depth = Vector3.Dot(corner, forward);
            if (!ortho && depth <= 1e-3) return (0, 0, width - 1, height - 1);
            var scale = ortho ? 1.0 : 1.0 / depth;
            var sx = Vector3.Dot(corner, right) * scale / halfWidth;
            var sy = Vector3.Dot(corner, up) * scale / halfHeight;
            minX = Math.Min(minX, sx);
            maxX = Math.Max(maxX, sx);
            minY = Math.Min(minY, sy);
            maxY = Math.Max(maxY, sy);
        }
        // To pixels, with a pixel of margin for rounding.
        static int Clamp(double v, int hi) => (int)Math.Clamp(v, -1, hi + 1);
        return (Clamp(Math.Floor((minX + 1) * 0.5 * width) - 1, width), Clamp(Math.Floor((1 - maxY) * 0.5 * height) - 1, height),
            Clamp(Math.Ceiling((maxX + 1) * 0.5 * width) + 1, width), Clamp(Math.Ceiling((1 - minY) * 0.5 * height) + 1, height));
    }

    /// <summary>
    /// Draws one tile. With <paramref name="surfaces"/>, also records per pixel which voxel face it
    /// shows (0 for background) for <see cref="SmoothEdges"/>.
    /// </summary>
    public void RenderTile(byte[] pixels, uint[]? surfaces, int tileX, int tileY)
    {
        var width = _options.Width;
        var x0 = tileX * TileSize;
        var y0 = tileY * TileSize;
        var x1 = Math.Min(x0 + TileSize, width);
        var y1 = Math.Min(y0 + TileSize, _options.Height);
        var cache = FaceCache.Current;
        for (var y = y0; y < y1; y++)
        {
            var background = BackgroundAt(y);
            var row = pixels.AsSpan(y * width * 4, width * 4);
            var inRows = y >= _sceneRect.Y0 && y <= _sceneRect.Y1;
            for (var x = x0; x < x1; x++)
            {
                uint c, surface = 0;
                if (!inRows || x < _sceneRect.X0 || x > _sceneRect.X1) c = background;
                else if (_samples == 1) c = Sample(x + 0.5, y + 0.5, background, cache, out surface);
                else c = Average(x * _samples, y * _samples, _samples, _samples, background, cache);
                BinaryPrimitives.WriteUInt32LittleEndian(row[(x * 4)..], c);
                if (surfaces is not null) surfaces[y * width + x] = surface;
            }
        }
    }

    /// <summary>
    /// Second pass of edge anti-aliasing over the rows [y0, y1): a pixel whose surface (colour,
    /// orientation, plane) differs from a neighbour's, which is an object's outline, a step between
    /// voxels or a colour change, is redrawn as the average of 2x2 samples; the rest keep one.
    /// </summary>
    public void SmoothEdges(byte[] pixels, uint[] surfaces, int y0, int y1)
    {
        int width = _options.Width, height = _options.Height;
        var cache = FaceCache.Current;
        for (var y = y0; y < y1; y++)
        {
            var background = BackgroundAt(y);
            for (var x = 0; x < width; x++)
            {
                var i = y * width + x;
                var s = surfaces[i];
                var edge = (x > 0 && surfaces[i - 1] != s) || (x + 1 < width && surfaces[i + 1] != s)
                    || (y > 0 && surfaces[i - width] != s) || (y + 1 < height && surfaces[i + width] != s);
                if (!edge) continue;
                BinaryPrimitives.WriteUInt32LittleEndian(pixels.AsSpan(i * 4, 4), Average(x, y, 1.0, 2, background, cache));
            }
        }
    }

    /// <summary>
    /// The average of n x n samples spread over a square of <paramref name="size"/> ray-space units
    /// from (<paramref name="x0"/>, <paramref name="y0"/>); colours weighted by alpha so transparent
    /// background samples do not darken edges.
    /// </summary>
    private uint Average(double x0, double y0, double size, int n, uint background, FaceCache cache)
    {
        uint r = 0, g = 0, b = 0, a = 0;
        var step = size / n;
        for (var sy = 0; sy < n; sy++)
        for (var sx = 0; sx < n; sx++)
        {
            var c = Sample(x0 + (sx + 0.5) * step, y0 + (sy + 0.5) * step, background, cache, out _);
            var alpha = c >> 24;
            r += (c & 0xFF) * alpha;
            g += ((c >> 8) & 0xFF) * alpha;
            b += ((c >> 16) & 0xFF) * alpha;
            a += alpha;
        }
        if (a == 0) return 0;
        var count = (uint)(n * n);
        return (r + a / 2) / a | ((g + a / 2) / a << 8) | ((b + a / 2) / a << 16) | ((a + count / 2) / count << 24);
    }

    private uint BackgroundAt(int y)
    {
        var top = _options.Background.Top;
        var bottom = _options.Background.Bottom;
        if (top == bottom) return top.Packed;
        var f = _options.Height > 1 ? (float)y / (_options.Height - 1) : 0f;
        static uint Lerp(byte p, byte q, float f) => (uint)Math.Clamp((int)(p + (q - p) * f + 0.5f), 0, 255);
        return Lerp(top.R, bottom.R, f) | (Lerp(top.G, bottom.G, f) << 8) | (Lerp(top.B, bottom.B, f) << 16) | (Lerp(top.A, bottom.A, f) << 24);
    }

    /// <summary>The packed RGBA colour seen through one sub-pixel position.</summary>
    private uint Sample(double px, double py, uint background, FaceCache cache, out uint surface)
    {
        var ray = _rays.At(px, py);
        var tMin = _rays.IsOrthographic ? double.NegativeInfinity : 0.0;
        surface = 0;
        if (!_grid.Trace(in ray, tMin, double.PositiveInfinity, startsInEmpty: false, out var hit)) return background;

        var face = hit.Axis * 2 + (hit.Sign > 0 ? 1 : 0);
        // Which surface this is, as a hash of colour, orientation and plane: coplanar neighbours of
        // one colour share it, so only outlines and steps count as edges. Never 0 (the background).
        var layer = hit.Axis switch { 0 => hit.X, 1 => hit.Y, _ => hit.Z };
        surface = (uint)((hit.Color * 2654435761u) ^ (uint)(layer * 73856093) ^ (uint)(face * 19349663)) | 1u;
        var shading = _faces[face];
        // Hit point on the face plane, and its position inside the face (u, v in [0, 1]).
        double hx = ray.Ox + ray.Dx * hit.T, hy = ray.Oy + ray.Dy * hit.T, hz = ray.Oz + ray.Dz * hit.T;
        var plane = (hit.Sign > 0 ? 1.0 : 0.0) + hit.Axis switch { 0 => hit.X, 1 => hit.Y, _ => hit.Z };
        switch (hit.Axis)
        {
            case 0: hx = plane; break;
            case 1: hy = plane; break;
            default: hz = plane; break;
        }

        var factor = 1f;
        ref var entry = ref cache.For(in hit, _frame);
        if (_options.Shadows)
        {
            var visibility = shading.FacesAway ? 0.5f : (InShadow(ref entry, hx, hy, hz, in hit, hit.T) ? 0.2f : 1f);
            factor *= 1f + (visibility - 1f) * Light.ShadowStrength;
        }
        var (u, v) = FaceUv(hit, hx, hy, hz);
        if (_options.AmbientOcclusion)
        {
            if (entry.OcclusionMask < 0) entry.OcclusionMask = Occlusion.Mask(_grid, hit.X, hit.Y, hit.Z, hit.Axis, hit.Sign);
            var mask = entry.OcclusionMask;
            if (mask != 0) factor *= 1f + (Occlusion.At(mask, (float)u, (float)v) - 1f) * Light.OcclusionStrength;
        }
        if (_options.Edges)
        {
            var footprint = _rays.IsOrthographic ? _rays.PixelSize : _rays.PixelSize * hit.T;
            // Half a pixel on each side of a shared edge: a one-pixel line, as upstream draws them.
            var width = Math.Clamp(0.5 * footprint, 0.02, 0.15);
            if (Math.Min(Math.Min(u, 1 - u), Math.Min(v, 1 - v)) < width) factor *= EdgeDarkening;
        }

        if (!entry.HasColor)
        {
            // One voxel face has one colour and one orientation: light it once.
            var color = hit.Color;
            entry.R = shading.Shade(Gamma.ToLinear(color));
            entry.G = shading.Shade(Gamma.ToLinear(color >> 8));
            entry.B = shading.Shade(Gamma.ToLinear(color >> 16));
            entry.HasColor = true;
        }
        var r = Gamma.ToSrgb(entry.R * factor);
        var g = Gamma.ToSrgb(entry.G * factor);
        var b = Gamma.ToSrgb(entry.B * factor);
        return r | ((uint)g << 8) | ((uint)b << 16) | 0xFF000000u;
    }

    /// <summary>
    /// Whether the hit point is in shadow. When a voxel spans several pixels, the face's four corners
    /// are tested once: a cube's shadow on an axis-aligned face always covers a grid-aligned unit
    /// square, so a shadow touching the face covers one of its corners, and a face whose corners
    /// agree is lit or shadowed whole. Only faces a shadow edge crosses are tested per pixel.
    /// </summary>
    private bool InShadow(ref FaceCache.Entry entry, double hx, double hy, double hz, in Hit hit, double distance)
    {
        if (entry.Shadow == FaceShadow.Unknown)
        {
            var footprint = _rays.IsOrthographic ? _rays.PixelSize : _rays.PixelSize * distance;
            entry.Shadow = _options.ShadowRayPerPixel || footprint * MinFacePixels > 1.0 ? FaceShadow.Mixed : CornerShadow(in hit);
        }
        return entry.Shadow switch
        {
            FaceShadow.Lit => false,
            FaceShadow.Shadowed => true,
            _ => ShadowRay(hx, hy, hz, in hit),
        };
    }

    // Below this many pixels across a voxel, four corner rays cost more than per-pixel rays.
    private const double MinFacePixels = 3.0;

    // Corner samples sit this far inside the face, off the edges where shadows of neighbours start.
    private const double CornerInset = 0.01;

    private FaceShadow CornerShadow(in Hit hit)
    {
        var shadowed = 0;
        for (var i = 0; i < 4; i++)
        {
            var u = (i & 1) != 0 ? 1 - CornerInset : CornerInset;
            var v = (i & 2) != 0 ? 1 - CornerInset : CornerInset;
            var plane = hit.Sign > 0 ? 1.0 : 0.0;
            var (px, py, pz) = hit.Axis switch
            {
                0 => (hit.X + plane, hit.Y + u, hit.Z + v),
                1 => (hit.X + v, hit.Y + plane, hit.Z + u),
                _ => (hit.X + u, hit.Y + v, hit.Z + plane),
            };
            if (ShadowRay(px, py, pz, in hit)) shadowed++;
        }
        return shadowed == 0 ? FaceShadow.Lit : shadowed == 4 ? FaceShadow.Shadowed : FaceShadow.Mixed;
    }

    private bool ShadowRay(double hx, double hy, double hz, in Hit hit)
    {
        var ox = hx + (hit.Axis == 0 ? hit.Sign * FaceOffset : 0);
        var oy = hy + (hit.Axis == 1 ? hit.Sign * FaceOffset : 0);
        var oz = hz + (hit.Axis == 2 ? hit.Sign * FaceOffset : 0);
        var ray = new Ray(ox, oy, oz, _lightRay.Dx, _lightRay.Dy, _lightRay.Dz);
        return _grid.Trace(in ray, 0.0, double.PositiveInfinity, startsInEmpty: true, out _);
    }

    /// <summary>Position inside the hit face along its two tangent axes (axis+1, axis+2 mod 3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double U, double V) FaceUv(in Hit hit, double hx, double hy, double hz) => hit.Axis switch
    {
        0 => (Unit(hy - hit.Y), Unit(hz - hit.Z)),
        1 => (Unit(hz - hit.Z), Unit(hx - hit.X)),
        _ => (Unit(hx - hit.X), Unit(hy - hit.Y)),
    };

    // Clamped to [0, 1] with plain comparisons (Math.Clamp on doubles also checks its bounds).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Unit(double v) => v < 0 ? 0 : v > 1 ? 1 : v;

    private static Vector3 Normal(int face)
    {
        var sign = (face & 1) != 0 ? 1f : -1f;
        return (face >> 1) switch
        {
            0 => new Vector3(sign, 0, 0),
            1 => new Vector3(0, sign, 0),
            _ => new Vector3(0, 0, sign),
        };
    }
}
