using System.Globalization;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Text;

/// <summary>
/// Upstream Goxel's point list: three "# " header lines, then "x y z rrggbb" per voxel
/// (alpha &gt;= 127) of the flattened visible layers, in volume order. Reading skips empty lines
/// and lines whose first token is exactly "#".
/// </summary>
public sealed class TextFormat : VoxelFormat
{
    /// <inheritdoc/>
    public override string Name => "text";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Aliases => ["txt"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".txt"];

    /// <inheritdoc/>
    public override string Description => "Text point list, one \"X Y Z RRGGBB\" line per voxel";

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override Project Read(byte[] data, string file)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw VoxelFileException.Corrupt(file, "not a text file (invalid UTF-8)");
        }
        var layer = new Layer(1, "Layer 1");
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var tokens = rawLine.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0 || tokens[0] == "#") continue;
            if (tokens.Length < 4 ||
                !int.TryParse(tokens[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) ||
                !int.TryParse(tokens[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var y) ||
                !int.TryParse(tokens[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var z) ||
                tokens[3].Length != 6 ||
                !uint.TryParse(tokens[3], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
            {
                throw VoxelFileException.Corrupt(file, $"line {lineNumber} is not \"X Y Z RRGGBB\"");
            }
            layer.Volume.Set(x, y, z, new Rgba((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb, 255));
            if ((lineNumber & 1023) == 0) Limits.CheckBlocks(file, layer.Volume.BlockCount);
        }
        Limits.CheckBlocks(file, layer.Volume.BlockCount);
        return Project.FromLayers(Path.GetFileNameWithoutExtension(file), [layer], layer, Project.Bounds([layer]) ?? Project.DefaultImageBox);
    }

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("# Goxel 0.15.2");
        writer.WriteLine("# One line per voxel");
        writer.WriteLine("# X Y Z RRGGBB");
        foreach (var v in Flattening.VisibleLayers(project))
        {
            if (v.Color.A < 127) continue;
            writer.Write(v.Position.X.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(v.Position.Y.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.Write(v.Position.Z.ToString(CultureInfo.InvariantCulture));
            writer.Write(' ');
            writer.WriteLine($"{v.Color.R:x2}{v.Color.G:x2}{v.Color.B:x2}");
        }
    }
}
