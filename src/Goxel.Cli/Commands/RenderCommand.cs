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
        var output = new Option<FileInfo>("--output", "-o") { Description = "picture to write: .png, or .jpg/.jpeg for JPEG; other extensions are refused", Required = true };
        var camera = new Option<string?>("--camera", "-c") { Description = $"camera preset: {string.Join(", ", CameraPresets.Names)}" };
        var width = new Option<int>("--width", "-W") { Description = "width in pixels", DefaultValueFactory = _ => 1024 };
        var height = new Option<int>("--height", "-H") { Description = "height in pixels", DefaultValueFactory = _ => 1024 };
        var transparent = new Option<bool>("--transparent") { Description = "transparent background" };
        var edges = new Option<bool>("--edges") { Description = "outline voxel edges" };
        var ownerOnly = new Option<bool>("--owner-only") { Description = "make the picture readable by its owner only (0600) instead of following the umask" };
        var command = new Command("render", "render a voxel file to a PNG or JPEG (no daemon needed)") { input, output, camera, width, height, transparent, edges, ownerOnly };
        command.SetAction(result => Files.Run(() =>
        {
            var target = result.GetValue(output)!;
            // Refused before rendering: writing PNG bytes into x.bmp would only mislead.
            var format = target.Extension.ToLowerInvariant() switch
            {
                ".png" => ImageFormat.Png,
                ".jpg" or ".jpeg" => ImageFormat.Jpeg,
                var other => throw new ArgumentException($"cannot write a picture as '{(other.Length > 0 ? other : target.Name)}': use .png, .jpg or .jpeg"),
            };
            var project = new ProjectFiles().Load(result.GetValue(input)!.FullName);
            var options = new RenderOptions
            {
                Width = result.GetValue(width),
                Height = result.GetValue(height),
                Preset = CameraPresets.Parse(result.GetValue(camera)),
                Background = result.GetValue(transparent) ? Background.Transparent : Background.Default,
                Edges = result.GetValue(edges),
            };
            var encoded = new VoxelRenderer().RenderEncoded(project, options, format);
            RenderOutput.WriteAtomically(target.FullName, stream => stream.Write(encoded.Bytes), result.GetValue(ownerOnly));
            Console.WriteLine($"{target.FullName}: {encoded.Width}x{encoded.Height} {format.Name()}, rendered in {encoded.RenderTime.TotalMilliseconds:F1} ms");
        }));
        return command;
    }
}
