using Goxel.Core;
using Goxel.Formats;

namespace Goxel.Formats.Tests;

/// <summary>Finds ../shared/fixtures (or $GOXEL_FIXTURES) and the repository root.</summary>
internal static class Fixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Folder { get; } =
        Environment.GetEnvironmentVariable("GOXEL_FIXTURES") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures"));

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static Project Load(string name, string? format = null) => new ProjectFiles().Load(PathOf(name), format);

    public static IEnumerable<string> All() =>
        Directory.GetFiles(Folder).Select(Path.GetFileName).Where(n => n is not null && !n.EndsWith(".md", StringComparison.Ordinal)).Select(n => n!);

    /// <summary>Cells of a volume as a sorted dictionary-friendly map.</summary>
    public static Dictionary<Int3, Rgba> Cells(Volume volume)
    {
        var cells = new Dictionary<Int3, Rgba>();
        foreach (var v in volume) cells[v.Position] = v.Color;
        return cells;
    }

    public static Dictionary<Int3, Rgba> Shift(Dictionary<Int3, Rgba> cells, Int3 by) =>
        cells.ToDictionary(kv => new Int3(kv.Key.X + by.X, kv.Key.Y + by.Y, kv.Key.Z + by.Z), kv => kv.Value);

    /// <summary>Moves a cell set so its minimum corner sits at the origin.</summary>
    public static Dictionary<Int3, Rgba> Normalise(Dictionary<Int3, Rgba> cells)
    {
        if (cells.Count == 0) return cells;
        var min = cells.Keys.Aggregate(Int3.Min);
        return Shift(cells, new Int3(-min.X, -min.Y, -min.Z));
    }

    public static void AssertSameCells(Dictionary<Int3, Rgba> expected, Dictionary<Int3, Rgba> actual)
    {
        var missing = expected.Keys.Where(p => !actual.ContainsKey(p)).ToList();
        var extra = actual.Keys.Where(p => !expected.ContainsKey(p)).ToList();
        var recoloured = expected.Where(kv => actual.TryGetValue(kv.Key, out var c) && c != kv.Value).ToList();
        if (missing.Count + extra.Count + recoloured.Count == 0) return;
        Assert.Fail($"expected {expected.Count} voxels, got {actual.Count}: {missing.Count} missing (e.g. {string.Join(" ", missing.Take(3))}), " +
                    $"{extra.Count} extra (e.g. {string.Join(" ", extra.Take(3))}), {recoloured.Count} recoloured " +
                    $"(e.g. {string.Join(" ", recoloured.Take(3).Select(kv => $"{kv.Key} {kv.Value}->{actual[kv.Key]}"))})");
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "goxel-daemon.slnx"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (goxel-daemon.slnx) above " + AppContext.BaseDirectory);
    }
}
