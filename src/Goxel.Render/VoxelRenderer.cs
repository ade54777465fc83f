using System.Diagnostics;
using Goxel.Core;

namespace Goxel.Render;

/// <summary>
/// The CPU renderer: ray marching over a project's block map, with upstream Goxel's lighting,
/// ambient occlusion and shadows, parallel over image tiles. Thread-safe; one instance can serve
/// any number of concurrent renders.
/// </summary>
public sealed class VoxelRenderer
{
    /// <summary>
    /// A renderer enforcing <paramref name="limits"/> (default: 8192 pixels a side), reusing finished
    /// pictures and per-block data through <paramref name="cache"/> when one is given. With a cache,
    /// render only snapshots whose changes went through <see cref="Project.History"/>: the picture
    /// cache trusts <see cref="Project.Version"/> and the block cache trusts that a block it saw is
    /// never written again.
    /// </summary>
    public VoxelRenderer(RenderLimits? limits = null, RenderCache? cache = null)
    {
        Limits = limits ?? RenderLimits.Default;
        Cache = cache;
    }

    /// <summary>The size limits every request is checked against.</summary>
    public RenderLimits Limits { get; }

    /// <summary>The cache renders reuse, or null.</summary>
    public RenderCache? Cache { get; }

    /// <summary>
    /// Renders the visible layers of <paramref name="snapshot"/>. Pass a copy nobody writes, such as
    /// <see cref="Project.Snapshot"/> taken on the project's writer: the renderer reads it from
    /// several threads without locks, so later edits to the live project never show in the picture.
    /// Throws <see cref="ArgumentException"/> for sizes beyond <see cref="Limits"/> or a bad camera.
    /// </summary>
    public RenderImage Render(Project snapshot, RenderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Limits.Validate(options);
        var grid = SceneGrid.Build(snapshot, Limits.MaxThreads, Cache);
        var camera = options.Camera ?? FrameCamera(snapshot, grid, options);
        var frame = new FrameRenderer(grid, camera, options);
        var pixels = new byte[options.Width * options.Height * 4];
        var smooth = options.EdgeAntialiasing && options.Supersampling == 1;
        var surfaces = smooth ? new uint[options.Width * options.Height] : null;
        var tilesX = (options.Width + FrameRenderer.TileSize - 1) / FrameRenderer.TileSize;
        var tilesY = (options.Height + FrameRenderer.TileSize - 1) / FrameRenderer.TileSize;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Limits.MaxThreads };
        Parallel.For(0, tilesX * tilesY, parallel, tile => frame.RenderTile(pixels, surfaces, tile % tilesX, tile / tilesX));
        if (surfaces is not null)
            Parallel.For(0, tilesY, parallel, band => frame.SmoothEdges(pixels, surfaces, band * FrameRenderer.TileSize, Math.Min((band + 1) * FrameRenderer.TileSize, options.Height)));
        return new RenderImage(options.Width, options.Height, pixels);
    }

    /// <summary>Renders and reports the wall-clock time, for clients that ask for render_time_ms.</summary>
    public RenderImage Render(Project snapshot, RenderOptions options, out TimeSpan elapsed, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var image = Render(snapshot, options, cancellationToken);
        elapsed = watch.Elapsed;
        return image;
    }

    /// <summary>
    /// Renders and encodes: what goxel.render_image returns as base64 and what render_scene writes
    /// (to its output path through <see cref="RenderOutput.Write"/>, or into a <see cref="RenderArchive"/>).
    /// With a <see cref="Cache"/>, an equal request on the same <see cref="Project.Version"/> returns
    /// the bytes drawn before (shared: do not modify them), with the time this call took as its render time.
    /// </summary>
    public EncodedRender RenderEncoded(Project snapshot, RenderOptions options, ImageFormat format = ImageFormat.Png,
        int jpegQuality = ImageEncoder.DefaultJpegQuality, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Checked first, so a request that would fail fails the same way whether or not it is held.
        Limits.Validate(options);
        var key = new RenderKey(snapshot.Version, options, format, format == ImageFormat.Jpeg ? jpegQuality : 0);
        var lookup = Stopwatch.StartNew();
        if (Cache?.FindRender(key) is { } held) return held with { RenderTime = lookup.Elapsed, EncodeTime = TimeSpan.Zero };
        var image = Render(snapshot, options, out var renderTime, cancellationToken);
        var watch = Stopwatch.StartNew();
        var bytes = ImageEncoder.Encode(image, format, jpegQuality);
        var encoded = new EncodedRender(bytes, format, image.Width, image.Height, renderTime, watch.Elapsed);
        Cache?.AddRender(key, encoded);
        return encoded;
    }

    /// <summary>
    /// The camera a render of <paramref name="snapshot"/> with <paramref name="options"/> uses: the
    /// explicit one, else the preset framed on the visible voxels (on the image box when none are visible).
    /// </summary>
    public static Camera ResolveCamera(Project snapshot, RenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        return options.Camera ?? FrameCamera(snapshot, SceneGrid.Build(snapshot), options);
    }

    private static Camera FrameCamera(Project snapshot, SceneGrid grid, RenderOptions options)
    {
        // Frame what is drawn: the exact box of the solid cells of the visible layers.
        var box = grid.IsEmpty ? snapshot.ImageBox : new VoxelBox(grid.SolidMin, grid.SolidMax);
        return CameraPresets.Frame(options.Preset, box, options.Width, options.Height, options.Projection);
    }
}
