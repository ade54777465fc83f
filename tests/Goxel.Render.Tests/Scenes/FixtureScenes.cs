using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Goxel.Core;
using StbImageSharp;

namespace Goxel.Render.Tests.Scenes;

/// <summary>
/// The shared fixtures and upstream inputs behind reference/upstream-renders, read by a minimal
/// reader kept here so the renderer's tests need no file-format project: .gox v2 (BL16 + LAYR,
/// hidden layers skipped) and .vox (one model, XYZI with the default white palette entry).
/// The real loaders live in Goxel.Formats.
/// </summary>
public static class FixtureScenes
{
    /// <summary>The shared/ folder beside the repository (CI puts a copy there), or null when absent.</summary>
    public static string? SharedDirectory()
    {
        var dir = Path.GetDirectoryName(ThisFile());
        while (dir is not null && !File.Exists(Path.Combine(dir, "goxel-daemon.slnx"))) dir = Path.GetDirectoryName(dir);
        if (dir is null) return null;
        var shared = Path.GetFullPath(Path.Combine(dir, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    /// <summary>A file under shared/, or null when shared/ or the file is missing.</summary>
    public static string? SharedFile(string relative) =>
        SharedDirectory() is { } shared && File.Exists(Path.Combine(shared, relative)) ? Path.Combine(shared, relative) : null;

    /// <summary>fixtures/chr_knight.gox: 19 vengi layers at the origin, merged upper over lower (1316 voxels).</summary>
    public static Project? ChrKnight() => SharedFile("fixtures/chr_knight.gox") is { } path ? ReadGox(path) : null;

    /// <summary>
    /// fixtures/gox-shape-3-layers.vox (Goxel's export of the shape layers: 1208 white voxels),
    /// placed where the .gox shapes are: cylinder at y = -11, sphere at the centre, cube at x = +11, z 12-19.
    /// </summary>
    public static Project? GoxShape() => SharedFile("fixtures/gox-shape-3-layers.vox") is { } path ? ReadVox(path, new Int3(-4, -15, 12)) : null;

    /// <summary>A .gox v2 file's visible layers (one project layer per file layer).</summary>
    public static Project ReadGox(string path)
    {
        var data = File.ReadAllBytes(path);
        if (Encoding.ASCII.GetString(data, 0, 4) != "GOX " || BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(4)) != 2)
            throw new InvalidDataException($"{path}: not a GOX v2 file");
        var blocks = new List<byte[]>();
        var project = new Project(Path.GetFileNameWithoutExtension(path));
        var first = true;
        for (var i = 8; i + 8 <= data.Length;)
        {
            var type = Encoding.ASCII.GetString(data, i, 4);
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(i + 4));
            var chunk = data.AsSpan(i + 8, length);
            i += 12 + length;
            if (type == "BL16") blocks.Add(ImageResult.FromMemory(chunk.ToArray(), ColorComponents.RedGreenBlueAlpha).Data);
            if (type != "LAYR") continue;
            var layer = first ? project.ActiveLayer : project.AddLayer("layer");
            first = false;
            var count = BinaryPrimitives.ReadInt32LittleEndian(chunk);
            for (var b = 0; b < count; b++)
            {
                var entry = chunk.Slice(4 + 20 * b, 20);
                var cells = blocks[BinaryPrimitives.ReadInt32LittleEndian(entry)];
                int bx = BinaryPrimitives.ReadInt32LittleEndian(entry[4..]), by = BinaryPrimitives.ReadInt32LittleEndian(entry[8..]), bz = BinaryPrimitives.ReadInt32LittleEndian(entry[12..]);
                for (var c = 0; c < Block.CellCount; c++)
                {
                    var rgba = new Rgba(cells[4 * c], cells[4 * c + 1], cells[4 * c + 2], cells[4 * c + 3]);
                    layer.Volume.Set(bx + (c & 15), by + ((c >> 4) & 15), bz + (c >> 8), rgba);
                }
            }
            layer.Visible = ReadVisible(chunk[(4 + 20 * count)..]);
        }
        return project;
    }

    /// <summary>The single model of a .vox file, offset by <paramref name="origin"/>.</summary>
    public static Project ReadVox(string path, Int3 origin)
    {
        var data = File.ReadAllBytes(path);
        var project = new Project(Path.GetFileNameWithoutExtension(path));
        var palette = new uint[256];
        var voxels = new List<(int X, int Y, int Z, int Index)>();
        for (var i = 20; i + 12 <= data.Length;)
        {
            var id = Encoding.ASCII.GetString(data, i, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(i + 4));
            var content = data.AsSpan(i + 12, size);
            i += 12 + size;
            if (id == "XYZI")
            {
                var n = BinaryPrimitives.ReadInt32LittleEndian(content);
                for (var v = 0; v < n; v++)
                    voxels.Add((content[4 + 4 * v], content[5 + 4 * v], content[6 + 4 * v], content[7 + 4 * v]));
            }
            if (id == "RGBA")
                for (var c = 0; c < 255; c++) palette[c + 1] = BinaryPrimitives.ReadUInt32LittleEndian(content[(4 * c)..]);
        }
        foreach (var (x, y, z, index) in voxels)
        {
            // Without an RGBA chunk, index 1 of the default palette is white.
            var color = palette[index] == 0 ? Rgba.White : Rgba.FromPacked(palette[index]);
            project.ActiveLayer.Volume.Set(origin.X + x, origin.Y + y, origin.Z + z, color);
        }
        return project;
    }

    private static bool ReadVisible(ReadOnlySpan<byte> dict)
    {
        for (var i = 0; i + 4 <= dict.Length;)
        {
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(dict[i..]);
            if (keyLength <= 0) break;
            var key = Encoding.ASCII.GetString(dict.Slice(i + 4, keyLength));
            var valueLength = BinaryPrimitives.ReadInt32LittleEndian(dict[(i + 4 + keyLength)..]);
            var value = dict.Slice(i + 8 + keyLength, valueLength);
            if (key == "visible" && valueLength >= 1) return value[0] != 0;
            i += 8 + keyLength + valueLength;
        }
        return true;
    }

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
