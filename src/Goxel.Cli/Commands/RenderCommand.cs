using System.CommandLine;
using Goxel.Formats;
using Goxel.Render;

namespace Goxel.Cli.Commands;

/// <summary>`goxel render FILE -o OUT`: renders a voxel file directly, no daemon needed.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("file") { Description = "a voxel file (.gox, .vox, .qb, .kvx, .txt)" };
        var output = new Option<FileInfo>("--output", "-o") { Description = "picture to write (.png or .jpg)", Required = true };
        var camera = new Option<string?>("--camera", "-c") { Description = $"camera preset: {string.Join(", ", CameraPresets.Names)}" };
        var width = new Option<int>("--width", "-W") { Description = "width in pixels", DefaultValueFactory = _ => 1024 };
        var height = new Option<int>("--height", "-H") { Description = "height in pixels", DefaultValueFactory = _ => 1024 };
        var transparent = new Option<bool>("--transparent") { Description = "transparent background" };
        var edges = new Option<bool>("--edges") { Description = "outline voxel edges" };
        var command = new Command("render", "render a voxel file to a PNG or JPEG (no daemon needed)") { input, output, camera, width, height, transparent, edges };
        command.SetAction(result => Files.Run(() =>
        {
            var project = new ProjectFiles().Load(result.GetValue(input)!.FullName);
            var target = result.GetValue(output)!;
            var options = new RenderOptions
            {
                Width = result.GetValue(width),
                Height = result.GetValue(height),
                Preset = CameraPresets.Parse(result.GetValue(camera)),
                Background = result.GetValue(transparent) ? Background.Transparent : Background.Default,
                Edges = result.GetValue(edges),
            };
            var format = target.Extension.Equals(".jpg", StringComparison.OrdinalIgnoreCase) || target.Extension.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)
                ? ImageFormat.Jpeg : ImageFormat.Png;
            var encoded = new VoxelRenderer().RenderEncoded(project, options, format);
            RenderOutput.Write(target.FullName, encoded.Bytes);
            Console.WriteLine($"{target.FullName}: {encoded.Width}x{encoded.Height} {format.Name()}, rendered in {encoded.RenderTime.TotalMilliseconds:F1} ms");
        }));
        return command;
    }
}
