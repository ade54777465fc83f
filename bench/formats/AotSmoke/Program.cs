// Loads every fixture and exports one project in every writable format from a NativeAOT build.
// Usage: AotSmoke FIXTURES_FOLDER OUTPUT_FOLDER. Exit code 0 when everything worked.
using Goxel.Formats;

var files = new ProjectFiles(new PathPolicy(args[1]));
foreach (var path in Directory.GetFiles(args[0]).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order())
{
    var project = files.Load(path);
    Console.WriteLine($"load {Path.GetFileName(path)}: {project.VoxelCount} voxels, {project.Layers.Count} layers");
}
var knight = files.Load(Path.Combine(args[0], "chr_knight.gox"));
foreach (var format in FormatRegistry.All.Where(f => f.CanWrite))
{
    var written = files.Export(knight, $"knight-{format.Name.Replace(' ', '-')}{format.Extensions[0]}", format.Name);
    Console.WriteLine($"export {format.Name}: {new FileInfo(written).Length} bytes");
}
try
{
    files.Load("missing.gox");
    return 1;
}
catch (VoxelFileException e)
{
    Console.WriteLine($"error as expected: {e.Message}");
}
return 0;
