using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Goxel.Formats.Tests;

/// <summary>
/// The independent tools tests/Goxel.Formats.Tests/prepare installs: assimp (Debian
/// assimp-utils) and the npm packages in validators/. A missing tool fails the test.
/// </summary>
internal static partial class Validators
{
    private static string Folder => Path.Combine(Fixtures.RepoRoot, "tests", "Goxel.Formats.Tests", "validators");

    /// <summary>Vertex and face counts assimp reports for a mesh file (after its default post-processing).</summary>
    public static (int Vertices, int Faces, int Meshes) Assimp(string file)
    {
        var output = Run("assimp", ["info", file], "assimp is missing: run tests/Goxel.Formats.Tests/prepare");
        int Count(string label) =>
            CountLine().Matches(output).Where(m => m.Groups[1].Value == label).Select(m => int.Parse(m.Groups[2].Value)).DefaultIfEmpty(-1).First();
        return (Count("Vertices"), Count("Faces"), Count("Meshes"));
    }

    /// <summary>The Khronos glTF validator's error and warning counts and messages.</summary>
    public static (int Errors, int Warnings, string Messages) Gltf(string file)
    {
        using var doc = JsonDocument.Parse(Node("validate-gltf.js", file));
        var root = doc.RootElement;
        return (root.GetProperty("errors").GetInt32(), root.GetProperty("warnings").GetInt32(),
                string.Join("\n", root.GetProperty("messages").EnumerateArray().Select(m => m.GetString())));
    }

    /// <summary>The .vox file as the npm vox-reader package sees it (JSON).</summary>
    public static JsonDocument VoxReader(string file) => JsonDocument.Parse(Node("read-vox.js", file));

    private static string Node(string script, string file)
    {
        var scriptPath = Path.Combine(Folder, script);
        Assert.True(Directory.Exists(Path.Combine(Folder, "node_modules")), "validators/node_modules is missing: run tests/Goxel.Formats.Tests/prepare");
        return Run("node", [scriptPath, file], "node is missing: run tests/Goxel.Formats.Tests/prepare");
    }

    private static string Run(string tool, string[] arguments, string missing)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail(missing);
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(120_000), $"{tool} did not finish");
            Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
            return stdout.Result;
        }
    }

    [GeneratedRegex(@"^(Vertices|Faces|Meshes):\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex CountLine();
}
