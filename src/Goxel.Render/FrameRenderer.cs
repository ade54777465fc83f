using System.Numerics;
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

    public FrameRenderer(SceneGrid grid, Camera camera, RenderOptions options)
    {
        _grid = grid;
        _options = options;
        _samples = options.Supersampling;
        _rays = new ViewRays(camera, options.Width * _samples, options.Height * _samples);
        var toLight = Light.Direction;
        _lightRay = new Ray(0, 0, 0, toLight.X, toLight.Y, toLight.Z);
        for (var f = 0; f < 6; f++) _faces[f] = new FaceShading(Normal(f), toLight, _rays.ToEye);
    }

    public void RenderTile(byte[] pixels, int tileX, int tileY)
    {
        var width = _options.Width;
        var x0 = tileX * TileSize;
        var y0 = tileY * TileSize;
        var x1 = Math.Min(x0 + TileSize, width);
        var y1 = Math.Min(y0 + TileSize, _options.Height);
        var cache = FaceCache.Current;
        var n = _samples * _samples;
        for (var y = y0; y < y1; y++)
        {
            var background = BackgroundAt(y);
            for (var x = x0; x < x1; x++)
            {
                uint r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < _samples; sy++)
                for (var sx = 0; sx < _samples; sx++)
                {
                    var c = Sample(x * _samples + sx + 0.5, y * _samples + sy + 0.5, background, cache);
                    var alpha = c >> 24;
                    // Weight colour by alpha so transparent background samples do not darken edges.
                    r += (c & 0xFF) * alpha;
                    g += ((c >> 8) & 0xFF) * alpha;
                    b += ((c >> 16) & 0xFF) * alpha;
                    a += alpha;
                }
                var i = (y * width + x) * 4;
                if (a == 0)
                {
                    pixels[i] = pixels[i + 1] = pixels[i + 2] = pixels[i + 3] = 0;
                    continue;
                }
                pixels[i] = (byte)((r + a / 2) / a);
                pixels[i + 1] = (byte)((g + a / 2) / a);
                pixels[i + 2] = (byte)((b + a / 2) / a);
                pixels[i + 3] = (byte)((a + (uint)n / 2) / (uint)n);
            }
        }
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
    private uint Sample(double px, double py, uint background, FaceCache cache)
    {
        var ray = _rays.At(px, py);
        var tMin = _rays.IsOrthographic ? double.NegativeInfinity : 0.0;
        if (!_grid.Trace(in ray, tMin, double.PositiveInfinity, startsInEmpty: false, out var hit)) return background;

        var face = hit.Axis * 2 + (hit.Sign > 0 ? 1 : 0);
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

        var color = hit.Color;
        var r = Gamma.ToSrgb(shading.Shade(Gamma.ToLinear(color)) * factor);
        var g = Gamma.ToSrgb(shading.Shade(Gamma.ToLinear(color >> 8)) * factor);
        var b = Gamma.ToSrgb(shading.Shade(Gamma.ToLinear(color >> 16)) * factor);
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
            entry.Shadow = footprint * MinFacePixels > 1.0 ? FaceShadow.Mixed : CornerShadow(in hit);
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
    private static (double U, double V) FaceUv(in Hit hit, double hx, double hy, double hz) => hit.Axis switch
    {
        0 => (Math.Clamp(hy - hit.Y, 0, 1), Math.Clamp(hz - hit.Z, 0, 1)),
        1 => (Math.Clamp(hz - hit.Z, 0, 1), Math.Clamp(hx - hit.X, 0, 1)),
        _ => (Math.Clamp(hx - hit.X, 0, 1), Math.Clamp(hy - hit.Y, 0, 1)),
    };

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
