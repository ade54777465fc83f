using System.Diagnostics;
using Goxel.Core;
using Goxel.Render;
using Goxel.Render.Tests.Scenes;

// Usage: Goxel.Render.Bench [render|snap DIR|png]
var mode = args.Length > 0 ? args[0] : "render";
var renderer = new VoxelRenderer();

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
    Save(Path.Combine(dir, "sparse.png"), renderer.Render(SampleScenes.Sparse(4000, 3000).Snapshot(), new RenderOptions { Width = 512, Height = 512 }));
    return;
}

static void Save(string path, RenderImage image)
{
    File.WriteAllBytes(path, PngEncoder.Encode(image));
    Console.WriteLine(path);
}
