using System.Diagnostics;
using Goxel.Core;
using Goxel.Render;
using Camera = Goxel.Render.Camera;
using Goxel.Render.Tests.Scenes;

// Usage: Goxel.Render.Bench [render|snap DIR|png|cache]
var mode = args.Length > 0 ? args[0] : "render";
var renderer = new VoxelRenderer();

if (mode == "docs")
{
    // docs/images/<scene>-vs-upstream.png: upstream Goxel 0.15.2 on the left, ours on the right,
    // both rendered at 1024^2 (upstream: 2048^2 averaged down; ours: 2x2 supersampling) and shown at 512^2.
    var dir = args.Length > 1 ? args[1] : "docs/images";
    Directory.CreateDirectory(dir);
    var options = new RenderOptions { Width = 1024, Height = 1024, Camera = Camera.GoxelDefault, Background = Background.Goxel, Supersampling = 2 };
    var names = new Dictionary<string, string> { ["gox-shape"] = "gox-shape-3-layers" };
    foreach (var (name, scene) in UpstreamInputs())
    {
        var reference = Goxel.Render.Tests.Scenes.FixtureScenes.SharedFile($"reference/upstream-renders/{names.GetValueOrDefault(name, name)}.png");
        if (reference is null) continue;
        var ours = renderer.Render(scene.Snapshot(), options);
        var decoded = StbImageSharp.ImageResult.FromMemory(File.ReadAllBytes(reference), StbImageSharp.ColorComponents.RedGreenBlueAlpha);
        var theirs = new RenderImage(decoded.Width, decoded.Height, decoded.Data);
        var (mean, over12) = Difference(ours, theirs);
        Console.WriteLine($"{name,-18} mean |diff| {mean:F2}/255, pixels off by > 12: {over12:P2}");
        var left = Half(theirs);
        var right = Half(ours);
        var pixels = new byte[1024 * 512 * 4];
        for (var y = 0; y < 512; y++)
        {
            Array.Copy(left.Pixels, y * 512 * 4, pixels, y * 1024 * 4, 512 * 4);
            Array.Copy(right.Pixels, y * 512 * 4, pixels, (y * 1024 + 512) * 4, 512 * 4);
        }
        for (var y = 0; y < 512; y++) pixels[(y * 1024 + 511) * 4] = pixels[(y * 1024 + 511) * 4 + 1] = pixels[(y * 1024 + 511) * 4 + 2] = 255;
        Save(Path.Combine(dir, $"{name}-vs-upstream.png"), new RenderImage(1024, 512, pixels));
    }

    // A contact sheet of the presets: default, front, back, left / right, top, bottom, isometric.
    var sheet = new byte[4 * 256 * 2 * 256 * 4];
    var presets = Enum.GetValues<CameraPreset>();
    var markers = SampleScenes.TenThousandVoxels();
    markers.ActiveLayer.Volume.FillBox(new Goxel.Core.VoxelBox(new Goxel.Core.Int3(26, -2, 1), new Goxel.Core.Int3(29, 1, 6)), new Goxel.Core.Rgba(255, 40, 40, 255));
    markers.ActiveLayer.Volume.FillBox(new Goxel.Core.VoxelBox(new Goxel.Core.Int3(-2, 26, 1), new Goxel.Core.Int3(1, 29, 6)), new Goxel.Core.Rgba(40, 80, 255, 255));
    for (var i = 0; i < presets.Length; i++)
    {
        var tile = renderer.Render(markers.Snapshot(), new RenderOptions { Width = 256, Height = 256, Preset = presets[i], Supersampling = 2 });
        int ox = i % 4 * 256, oy = i / 4 * 256;
        for (var y = 0; y < 256; y++) Array.Copy(tile.Pixels, y * 256 * 4, sheet, ((oy + y) * 1024 + ox) * 4, 256 * 4);
    }
    Save(Path.Combine(dir, "presets.png"), new RenderImage(1024, 512, sheet));
    return;
}

if (mode == "snap")
{
    var dir = args.Length > 1 ? args[1] : "/tmp/goxel-render-snaps";
    Directory.CreateDirectory(dir);
    var upstream = new RenderOptions { Width = 1024, Height = 1024, Camera = Camera.GoxelDefault, Background = Background.Goxel, Supersampling = 2 };
    Save(Path.Combine(dir, "cube-on-floor.png"), renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), upstream));
    foreach (var preset in Enum.GetValues<CameraPreset>())
        Save(Path.Combine(dir, $"ten-thousand-{preset.ToString().ToLowerInvariant()}.png"),
            renderer.Render(SampleScenes.TenThousandVoxels().Snapshot(), new RenderOptions { Width = 512, Height = 512, Preset = preset }));
    Save(Path.Combine(dir, "edges.png"), renderer.Render(SampleScenes.CubeOnFloor().Snapshot(), new RenderOptions { Width = 512, Height = 384, Edges = true, Background = Background.Transparent }));
    foreach (var (name, input) in UpstreamInputs())
        Save(Path.Combine(dir, $"upstream-{name}.png"), renderer.Render(input.Snapshot(), upstream));
    Save(Path.Combine(dir, "edge-aa.png"), renderer.Render(SampleScenes.TenThousandVoxels().Snapshot(), new RenderOptions { Width = 320, Height = 240, EdgeAntialiasing = true }));
    Save(Path.Combine(dir, "no-aa.png"), renderer.Render(SampleScenes.TenThousandVoxels().Snapshot(), new RenderOptions { Width = 320, Height = 240 }));
    Save(Path.Combine(dir, "sparse.png"), renderer.Render(SampleScenes.Sparse(4000, 3000).Snapshot(), new RenderOptions { Width = 512, Height = 512 }));
    return;
}

if (mode == "render")
{
    (int W, int H)[] sizes = [(256, 256), (512, 512), (1024, 1024), (1920, 1080), (2048, 2048)];
    var scenes = new List<(string Name, Project Scene)> { ("10k-voxels", SampleScenes.TenThousandVoxels()), ("cube-on-floor", SampleScenes.CubeOnFloor()) };
    scenes.AddRange(FixtureScenes());
    scenes.Add(("sparse-4000", SampleScenes.Sparse(4000, 3000)));
    scenes.Add(("terrain-256", SampleScenes.Terrain(256)));
    // Warm the JIT up on every size first, so the first row is not measuring tier-0 code.
    var warm = scenes[0].Scene.Snapshot();
    for (var i = 0; i < 20; i++)
        foreach (var (w, h) in sizes.Take(2)) renderer.Render(warm, new RenderOptions { Width = w, Height = h });
    Console.WriteLine($"render medians, default preset framed, AO + shadows on, 1 sample/pixel, {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"scene",-16} {"voxels",7} {"size",10} {"median ms",10} {"min ms",8} {"png ms",8}");
    foreach (var (name, project) in scenes)
    {
        var snapshot = project.Snapshot();
        foreach (var (w, h) in sizes)
        {
            var options = new RenderOptions { Width = w, Height = h };
            var runs = w * h <= 512 * 512 ? 21 : 9;
            RenderImage? image = null;
            for (var i = 0; i < 10; i++) image = renderer.Render(snapshot, options);
            var times = new double[runs];
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                image = renderer.Render(snapshot, options);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }
            var png = new double[Math.Min(runs, 7)];
            for (var i = 0; i < png.Length; i++)
            {
                var watch = Stopwatch.StartNew();
                PngEncoder.Encode(image!);
                png[i] = watch.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            Array.Sort(png);
            Console.WriteLine($"{name,-16} {VisibleVoxels(snapshot),7} {w + "x" + h,10} {times[runs / 2],10:F1} {times[0],8:F1} {png[png.Length / 2],8:F1}");
        }
    }
    return;
}

if (mode == "variants")
{
    var snapshot = SampleScenes.TenThousandVoxels().Snapshot();
    foreach (var (ao, shadows) in new[] { (false, false), (true, false), (false, true), (true, true) })
    {
        var options = new RenderOptions { Width = 512, Height = 512, AmbientOcclusion = ao, Shadows = shadows };
        for (var i = 0; i < 3; i++) renderer.Render(snapshot, options);
        var times = new double[21];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            renderer.Render(snapshot, options);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"ao={ao} shadows={shadows}: median {times[10]:F1} ms, min {times[0]:F1} ms");
    }
    return;
}

if (mode == "aa")
{
    // Anti-aliasing cost: one sample, edge anti-aliasing, full 2x2 supersampling (10k scene).
    var snapshot = SampleScenes.TenThousandVoxels().Snapshot();
    foreach (var (w, h) in new[] { (512, 512), (1920, 1080) })
    foreach (var (name, options) in new[]
    {
        ("1 sample", new RenderOptions { Width = w, Height = h }),
        ("edge AA", new RenderOptions { Width = w, Height = h, EdgeAntialiasing = true }),
        ("2x2", new RenderOptions { Width = w, Height = h, Supersampling = 2 }),
    })
    {
        for (var i = 0; i < 5; i++) renderer.Render(snapshot, options);
        var times = new double[11];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            renderer.Render(snapshot, options);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"{w}x{h} {name,-9} median {times[5],7:F1} ms  min {times[0],7:F1} ms");
    }
    return;
}

if (mode == "loop")
{
    // Renders the 10k scene at 1920x1080 on one thread for a profiler to sample.
    var snapshot = SampleScenes.TenThousandVoxels().Snapshot();
    var grid = SceneGrid.Build(snapshot);
    var options = new RenderOptions { Width = 1920, Height = 1080 };
    var frame = new FrameRenderer(grid, VoxelRenderer.ResolveCamera(snapshot, options), options);
    var pixels = new byte[1920 * 1080 * 4];
    var until = DateTime.UtcNow.AddSeconds(args.Length > 1 ? double.Parse(args[1]) : 10);
    while (DateTime.UtcNow < until)
        for (var ty = 0; ty < 34; ty++)
        for (var tx = 0; tx < 60; tx++) frame.RenderTile(pixels, null, tx, ty);
    return;
}

if (mode == "probe")
{
    var snapshot = SampleScenes.TenThousandVoxels().Snapshot();
    var grid = SceneGrid.Build(snapshot);
    var options = new RenderOptions { Width = 1920, Height = 1080 };
    var camera = VoxelRenderer.ResolveCamera(snapshot, options);
    var rays = new ViewRays(camera, 1920, 1080);
    var away = new ViewRays(camera with { Target = camera.Position * 2 - camera.Target }, 1920, 1080);
    double Cpu(Action a)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 15; i++)
        {
            var t0 = Process.GetCurrentProcess().TotalProcessorTime;
            a();
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - t0).TotalMilliseconds);
        }
        return best;
    }
    double sink = 0;
    int hits = 0, inBox = 0;
    Console.WriteLine($"rays only: {Cpu(() => { for (var y = 0; y < 1080; y++) for (var x = 0; x < 1920; x++) sink += rays.At(x + 0.5, y + 0.5).Dx; }):F1} CPU ms");
    Console.WriteLine($"trace, camera turned away: {Cpu(() => { for (var y = 0; y < 1080; y++) for (var x = 0; x < 1920; x++) { var r = away.At(x + 0.5, y + 0.5); grid.Trace(in r, 0, double.PositiveInfinity, false, out _); } }):F1} CPU ms");
    Console.WriteLine($"trace, primary: {Cpu(() => { hits = 0; for (var y = 0; y < 1080; y++) for (var x = 0; x < 1920; x++) { var r = rays.At(x + 0.5, y + 0.5); if (grid.Trace(in r, 0, double.PositiveInfinity, false, out _)) hits++; } }):F1} CPU ms, {hits} hits");
    for (var y = 0; y < 1080; y++) for (var x = 0; x < 1920; x++) { var r = rays.At(x + 0.5, y + 0.5); if (grid.Trace(in r, double.NegativeInfinity, double.PositiveInfinity, true, out _)) inBox++; }
    Console.WriteLine($"{sink > 0}");
    return;
}

if (mode == "breakdown")
{
    // Single-thread CPU time (min of many runs): steadier than wall time on a shared machine.
    var snapshot = (args.Length > 1 ? args[1] : "10k") switch
    {
        "cube" => SampleScenes.CubeOnFloor().Snapshot(),
        "terrain" => SampleScenes.Terrain(256).Snapshot(),
        _ => SampleScenes.TenThousandVoxels().Snapshot(),
    };
    int width = args.Length > 2 ? int.Parse(args[2]) : 512, height = args.Length > 3 ? int.Parse(args[3]) : 512;
    var grid = SceneGrid.Build(snapshot);
    var watch0 = Stopwatch.StartNew();
    for (var i = 0; i < 20; i++) SceneGrid.Build(snapshot);
    Console.WriteLine($"scene grid build: {watch0.Elapsed.TotalMilliseconds / 20:F2} ms");
    foreach (var (ao, shadows) in new[] { (false, false), (true, false), (false, true), (true, true) })
    {
        var options = new RenderOptions { Width = width, Height = height, AmbientOcclusion = ao, Shadows = shadows };
        var frame = new FrameRenderer(grid, VoxelRenderer.ResolveCamera(snapshot, options), options);
        var pixels = new byte[width * height * 4];
        var best = double.MaxValue;
        for (var pass = 0; pass < 30; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var ty = 0; ty < (height + 31) / 32; ty++)
            for (var tx = 0; tx < (width + 31) / 32; tx++) frame.RenderTile(pixels, null, tx, ty);
            best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
        }
        Console.WriteLine($"{width}x{height} ao={ao} shadows={shadows}: {best:F1} CPU ms (1 thread, best of 30)");
    }
    return;
}

if (mode == "png")
{
    // Encoder choice: our PNG writer (zlib fastest / optimal) against stb_image_write's PNG, and JPEG.
    var image = renderer.Render(SampleScenes.TenThousandVoxels().Snapshot(), new RenderOptions { Width = 1024, Height = 1024 });
    var writer = new StbImageWriteSharp.ImageWriter();
    (string Name, Func<byte[]> Encode)[] encoders =
    [
        ("own png, zlib fastest", () => PngEncoder.Encode(image)),
        ("own png, zlib optimal", () => PngEncoder.Encode(image, System.IO.Compression.CompressionLevel.Optimal)),
        ("stb png", () => { using var m = new MemoryStream(); writer.WritePng(image.Pixels, image.Width, image.Height, StbImageWriteSharp.ColorComponents.RedGreenBlueAlpha, m); return m.ToArray(); }),
        ("stb jpeg q90", () => ImageEncoder.Encode(image, ImageFormat.Jpeg)),
    ];
    Console.WriteLine("encoding a 1024x1024 render of the 10k scene, median of 15");
    foreach (var (name, encode) in encoders)
    {
        for (var i = 0; i < 3; i++) encode();
        var times = new double[15];
        var size = 0;
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            size = encode().Length;
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        Console.WriteLine($"{name,-24} {times[7],8:F2} ms {size,9} bytes");
    }
    return;
}

if (mode == "cache")
{
    // The render caches in process: a render cache hit against a miss, and a render after a
    // one-voxel edit against the first render of the scene, with the block cache on and off.
    // Median of 15 after 3 warm-ups, 512^2 PNG; every figure of a scene comes from the same run.
    Console.WriteLine("render caches, 512x512 PNG, median ms of 15 (ratios against the first row of each scene)");
    Console.WriteLine($"{"scene",-14} {"blocks",7} {"first render",13} {"edit, blocks off",17} {"edit, blocks on",16} {"hit",8} {"first/edit-on",14} {"miss/hit",9}");
    var options = new RenderOptions { Width = 512, Height = 512 };
    var limits = new RenderCacheLimits(50, 1 << 20, 1L << 30);
    foreach (var (name, project) in new[] { ("10k-voxels", SampleScenes.TenThousandVoxels()), ("sparse-4000", SampleScenes.Sparse(4000, 3000)), ("terrain-256", SampleScenes.Terrain(256)) })
    {
        var edits = 0;
        void EditOneVoxel()
        {
            // A voxel on top of the scene's first block, alternating colours: one block changes.
            project.History.Begin(project);
            project.ActiveLayer.Volume.Set(0, 0, 200, edits++ % 2 == 0 ? new Rgba(255, 0, 0, 255) : new Rgba(0, 0, 255, 255));
            project.History.Commit(project);
        }
        // First render: nothing cached (a fresh cache each time, so both caches miss).
        var first = Median(() => new VoxelRenderer(cache: new RenderCache(limits)).RenderEncoded(project.Snapshot(), options));
        var plain = new VoxelRenderer();
        var editOff = Median(() => plain.RenderEncoded(project.Snapshot(), options), EditOneVoxel);
        var blocksOnly = new VoxelRenderer(cache: new RenderCache(limits with { RenderEntries = 0 }));
        blocksOnly.Render(project.Snapshot(), options);
        var editOn = Median(() => blocksOnly.RenderEncoded(project.Snapshot(), options), EditOneVoxel);
        var both = new VoxelRenderer(cache: new RenderCache(limits));
        var snapshot = project.Snapshot();
        both.RenderEncoded(snapshot, options);
        var hit = Median(() => both.RenderEncoded(snapshot, options));
        Console.WriteLine($"{name,-14} {project.ActiveLayer.Volume.BlockCount,7} {first,13:F2} {editOff,17:F2} {editOn,16:F2} {hit,8:F4} {first / editOn,14:F2} {editOff / hit,9:F0}");
    }
    return;
}

static double Median(Func<object> run, Action? before = null)
{
    for (var i = 0; i < 3; i++)
    {
        before?.Invoke();
        run();
    }
    var times = new double[15];
    for (var i = 0; i < times.Length; i++)
    {
        before?.Invoke();
        var watch = Stopwatch.StartNew();
        run();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times[times.Length / 2];
}

static IEnumerable<(string, Project)> FixtureScenes()
{
    if (Goxel.Render.Tests.Scenes.FixtureScenes.GoxShape() is { } shape) yield return ("gox-shape", shape);
    else Console.WriteLine("(shared/fixtures/gox-shape-3-layers.vox not found: skipped)");
    if (Goxel.Render.Tests.Scenes.FixtureScenes.ChrKnight() is { } knight) yield return ("chr_knight", knight);
    else Console.WriteLine("(shared/fixtures/chr_knight.gox not found: skipped)");
}

static IEnumerable<(string, Project)> UpstreamInputs()
{
    yield return ("cube-on-floor", SampleScenes.CubeOnFloor());
    foreach (var (name, scene) in FixtureScenes()) yield return (name, scene);
    if (Goxel.Render.Tests.Scenes.FixtureScenes.SharedFile("reference/upstream-renders/inputs/test.no-camera-light.gox") is { } test)
        yield return ("test", Goxel.Render.Tests.Scenes.FixtureScenes.ReadGox(test));
    if (Goxel.Render.Tests.Scenes.FixtureScenes.SharedFile("fixtures/goxel-upstream-v2.gox") is { } v2)
        yield return ("goxel-upstream-v2", Goxel.Render.Tests.Scenes.FixtureScenes.ReadGox(v2));
}

// Distinct non-empty cells over the visible layers (overlapping layers count once).
static long VisibleVoxels(Project project)
{
    var cells = new HashSet<Goxel.Core.Int3>();
    foreach (var layer in project.Layers)
        if (layer.Visible)
            foreach (var voxel in layer.Volume) cells.Add(voxel.Position);
    return cells.Count;
}

static RenderImage Half(RenderImage image)
{
    int w = image.Width / 2, h = image.Height / 2;
    var pixels = new byte[w * h * 4];
    for (var y = 0; y < h; y++)
    for (var x = 0; x < w; x++)
    for (var c = 0; c < 4; c++)
    {
        var i = (2 * y * image.Width + 2 * x) * 4 + c;
        pixels[(y * w + x) * 4 + c] = (byte)((image.Pixels[i] + image.Pixels[i + 4] + image.Pixels[i + image.Width * 4] + image.Pixels[i + image.Width * 4 + 4] + 2) / 4);
    }
    return new RenderImage(w, h, pixels);
}

static (double Mean, double Over12) Difference(RenderImage a, RenderImage b)
{
    long total = 0, over = 0;
    for (var i = 0; i < a.Pixels.Length; i += 4)
    {
        var worst = 0;
        for (var c = 0; c < 3; c++)
        {
            var d = Math.Abs(a.Pixels[i + c] - b.Pixels[i + c]);
            total += d;
            worst = Math.Max(worst, d);
        }
        if (worst > 12) over++;
    }
    var pixels = a.Pixels.Length / 4;
    return (total / (3.0 * pixels), (double)over / pixels);
}

static void Save(string path, RenderImage image)
{
    File.WriteAllBytes(path, PngEncoder.Encode(image));
    Console.WriteLine(path);
}
