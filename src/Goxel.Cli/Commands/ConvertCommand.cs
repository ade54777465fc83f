using System.CommandLine;
using Goxel.Formats;

namespace Goxel.Cli.Commands;

/// <summary>`goxel convert IN OUT`: converts between voxel and mesh formats, no daemon needed.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "file to read (.gox, .vox, .qb, .kvx, .txt)" };
        var output = new Argument<FileInfo>("output") { Description = "file to write; the format follows the extension" };
        var format = new Option<string?>("--format", "-f") { Description = $"output format: {string.Join(", ", FormatRegistry.All.Where(f => f.CanWrite).Select(f => f.Name))}" };
        var mesh = new Option<string>("--mesh") { Description = "mesh exports: greedy (merged faces) or cubes (one quad per voxel face)", DefaultValueFactory = _ => "greedy" };
        mesh.AcceptOnlyFromAmong("greedy", "cubes");
        var command = new Command("convert", "convert a voxel file to another format (no daemon needed)") { input, output, format, mesh };
        command.SetAction(result => Files.Run(() =>
        {
            var files = new ProjectFiles();
            var project = files.Load(result.GetValue(input)!.FullName);
            var options = new ExportOptions { Mesh = result.GetValue(mesh) == "cubes" ? MeshStyle.Cubes : MeshStyle.Greedy };
            var written = files.Export(project, result.GetValue(output)!.FullName, result.GetValue(format), options);
            Console.WriteLine($"{written}: {project.VoxelCount:N0} voxels in {project.Layers.Count} layer(s)");
        }));
        return command;
    }
}

/// <summary>Runs a file command: errors become one line on standard error and exit code 1.</summary>
internal static class Files
{
    public static int Run(Action work)
    {
        try
        {
            work();
            return 0;
        }
        catch (Exception ex) when (ex is VoxelFileException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"goxel: {ex.Message}");
            return 1;
        }
    }
}
