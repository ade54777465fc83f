using Goxel.Core;

namespace Goxel.Formats.Export;

/// <summary>
/// Ace of Spades map (.vxl, export only): a fixed 512 x 512 x 64 grid in column span encoding,
/// z = 0 at the sky. Goxel cell (256 - i, j - 256, 31 - k) becomes map cell (i, j, k), as
/// upstream samples it. Only surface voxels carry colours; the bottom layer (k = 63) must be
/// solid in this format, so empty cells there are written as solid ground.
/// </summary>
public sealed class VxlFormat : VoxelFormat
{
    private const int Size = 512;
    private const int Depth = 64;
    private static readonly Rgba Ground = new(91, 64, 64, 255);

    /// <inheritdoc/>
    public override string Name => "vxl";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Extensions => [".vxl"];

    /// <inheritdoc/>
    public override string Description => "Ace of Spades 512x512x64 map (export only)";

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override void Write(Project project, Stream output, ExportContext context)
    {
        var volume = Flattening.VisibleLayers(project);
        var colors = new uint[Size * Size * Depth]; // 0 = air; 64 MiB at most, once per export
        foreach (var v in volume)
        {
            if (v.Color.A < 127) continue;
            int i = 256 - v.Position.X, j = v.Position.Y + 256, k = 31 - v.Position.Z;
            if (i is < 0 or >= Size || j is < 0 or >= Size || k is < 0 or >= Depth) continue;
            colors[Index(i, j, k)] = v.Color.Packed | 0xFF000000u;
        }
        for (var j = 0; j < Size; j++)
        for (var i = 0; i < Size; i++)
            if (colors[Index(i, j, Depth - 1)] == 0) colors[Index(i, j, Depth - 1)] = Ground.Packed;

        var column = new List<byte>(256);
        var buffer = new MemoryStream();
        for (var j = 0; j < Size; j++)
        for (var i = 0; i < Size; i++)
        {
            column.Clear();
            WriteColumn(colors, i, j, column);
            buffer.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(column));
            if (buffer.Length > 1 << 20) { buffer.Position = 0; buffer.CopyTo(output); buffer.SetLength(0); }
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static int Index(int i, int j, int k) => (j * Size + i) * Depth + k;

    private static bool Solid(uint[] colors, int i, int j, int k) =>
        k >= Depth || (k >= 0 && i >= 0 && i < Size && j >= 0 && j < Size && colors[Index(i, j, k)] != 0);

    // A solid cell is visible (and so stores a colour) when one of its six neighbours is air;
    // outside the map sideways counts as air, above the map is sky, below is solid.
    private static bool Surface(uint[] colors, int i, int j, int k) =>
        Solid(colors, i, j, k) && (!Solid(colors, i - 1, j, k) || !Solid(colors, i + 1, j, k) || !Solid(colors, i, j - 1, k) ||
                                   !Solid(colors, i, j + 1, k) || k == 0 || !Solid(colors, i, j, k - 1) || !Solid(colors, i, j, k + 1));

    // Spans: [N, S, E, A] then top colours S..E, then bottom colours of an overhang's underside;
    // N is the span length in 4-byte words, 0 for the last span.
    private static void WriteColumn(uint[] colors, int i, int j, List<byte> output)
    {
        var k = 0;
        while (true)
        {
            var airStart = k;
            while (k < Depth && !Solid(colors, i, j, k)) k++;
            var topStart = k;
            while (k < Depth && Surface(colors, i, j, k)) k++;
            var topEnd = k;
            while (k < Depth && Solid(colors, i, j, k) && !Surface(colors, i, j, k)) k++;
            var bottomStart = k;
            var z = k;
            while (z < Depth && Surface(colors, i, j, z)) z++;
            // Surface cells followed by air are the underside of an overhang (bottom colours);
            // followed by solid ground they start the next span instead.
            if (z < Depth && !Solid(colors, i, j, z)) k = z;
            var bottomEnd = k;
            var count = topEnd - topStart + bottomEnd - bottomStart;
            var last = k >= Depth;
            output.Add((byte)(last ? 0 : count + 1));
            output.Add((byte)topStart);
            output.Add((byte)(topEnd - 1));
            output.Add((byte)airStart);
            for (var z2 = topStart; z2 < topEnd; z2++) AddColor(colors, i, j, z2, output);
            for (var z2 = bottomStart; z2 < bottomEnd; z2++) AddColor(colors, i, j, z2, output);
            if (last) return;
        }
    }

    private static void AddColor(uint[] colors, int i, int j, int k, List<byte> output)
    {
        var c = Rgba.FromPacked(colors[Index(i, j, k)]);
        output.Add(c.B);
        output.Add(c.G);
        output.Add(c.R);
        output.Add(0x7F); // shading byte, as Voxlap writes it
    }
}
