using System.Buffers.Binary;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Vox;

/// <summary>
/// Writes MagicaVoxel VOX 150 with a scene graph: one named transform per layer (hidden layers
/// carry MagicaVoxel's "_hidden" flag), the layer cut into models of at most 256 cells per axis
/// (MagicaVoxel's limit; upstream Goxel silently corrupts larger scenes), each placed by its own
/// translation under a group marked as one layer. Colours go into one palette, median-cut to
/// 255 entries when there are more.
/// </summary>
internal static class VoxWriter
{
    /// <summary>
    /// Key of a group's attributes saying its instances are the pieces of one layer, so a reader
    /// rebuilds the layer instead of one layer per piece. MagicaVoxel ignores keys it does not know.
    /// </summary>
    public const string LayerGroupKey = "_goxel_layer";

    private const int MaxModelEdge = 256;

    // Voxels packed as z << 24 | y << 16 | x << 8 | colour index: sorting the words sorts by
    // z, then y, then x, the order upstream writes.
    private sealed record Piece(int LayerIndex, Int3 Origin, Int3 Size, uint[] Voxels);

    public static void Write(Project project, Stream output)
    {
        var layers = project.Layers.Where(l => l.Volume.VoxelCount > 0).ToList();
        var builder = new PaletteBuilder();
        foreach (var layer in layers)
            foreach (var v in layer.Volume)
                if (v.Color.A >= 127) builder.Add(v.Color);
        var palette = builder.Build(255);
        var index = new Dictionary<uint, byte>();
        byte IndexOf(Rgba c)
        {
            var key = c.Packed | 0xFF000000u;
            if (!index.TryGetValue(key, out var i)) index[key] = i = (byte)(PaletteBuilder.Nearest(palette, c) + 1);
            return i;
        }

        var pieces = new List<Piece>();
        for (var li = 0; li < layers.Count; li++)
        {
            // Pieces are cut on a 256 grid anchored at the layer's minimum corner, so a layer
            // smaller than 256 per axis is always a single model.
            var min = layers[li].Volume.Bounds()!.Value.Min;
            var byPiece = new Dictionary<Int3, List<uint>>();
            foreach (var v in layers[li].Volume)
            {
                if (v.Color.A < 127) continue;
                int dx = v.Position.X - min.X, dy = v.Position.Y - min.Y, dz = v.Position.Z - min.Z;
                var key = new Int3(dx / MaxModelEdge, dy / MaxModelEdge, dz / MaxModelEdge);
                if (!byPiece.TryGetValue(key, out var list)) byPiece[key] = list = [];
                list.Add(Pack(dx % MaxModelEdge, dy % MaxModelEdge, dz % MaxModelEdge, IndexOf(v.Color)));
            }
            foreach (var (key, list) in byPiece.OrderBy(kv => kv.Key.Z).ThenBy(kv => kv.Key.Y).ThenBy(kv => kv.Key.X))
            {
                // Trim each piece to its voxels so models are as small as possible.
                int minX = 255, minY = 255, minZ = 255, maxX = 0, maxY = 0, maxZ = 0;
                foreach (var w in list)
                {
                    int x = (byte)(w >> 8), y = (byte)(w >> 16), z = (byte)(w >> 24);
                    minX = Math.Min(minX, x); minY = Math.Min(minY, y); minZ = Math.Min(minZ, z);
                    maxX = Math.Max(maxX, x); maxY = Math.Max(maxY, y); maxZ = Math.Max(maxZ, z);
                }
                var voxels = new uint[list.Count];
                for (var i = 0; i < voxels.Length; i++)
                {
                    var w = list[i];
                    voxels[i] = Pack((byte)(w >> 8) - minX, (byte)(w >> 16) - minY, (byte)(w >> 24) - minZ, (byte)w);
                }
                Array.Sort(voxels);
                var origin = new Int3(min.X + key.X * MaxModelEdge + minX, min.Y + key.Y * MaxModelEdge + minY, min.Z + key.Z * MaxModelEdge + minZ);
                pieces.Add(new Piece(li, origin, new Int3(maxX - minX + 1, maxY - minY + 1, maxZ - minZ + 1), voxels));
            }
        }

        using var children = new MemoryStream();
        foreach (var piece in pieces)
        {
            Chunk(children, "SIZE", w => { Int(w, piece.Size.X); Int(w, piece.Size.Y); Int(w, piece.Size.Z); });
            Chunk(children, "XYZI", w =>
            {
                Int(w, piece.Voxels.Length);
                var bytes = new byte[piece.Voxels.Length * 4];
                for (var i = 0; i < piece.Voxels.Length; i++)
                {
                    var v = piece.Voxels[i];
                    bytes[4 * i] = (byte)(v >> 8);
                    bytes[4 * i + 1] = (byte)(v >> 16);
                    bytes[4 * i + 2] = (byte)(v >> 24);
                    bytes[4 * i + 3] = (byte)v;
                }
                w.Write(bytes);
            });
        }

        // Scene graph: root transform 0 -> group 1 -> per layer a named transform -> group ->
        // per piece a transform -> shape. Node ids are allocated in writing order.
        var nextId = 2;
        var layerNodes = new List<(int Transform, int Group, List<(int Transform, int Shape, int Model)> Pieces)>();
        for (var li = 0; li < layers.Count; li++)
        {
            var entry = (nextId++, nextId++, new List<(int, int, int)>());
            layerNodes.Add(entry);
        }
        for (var pi = 0; pi < pieces.Count; pi++)
            layerNodes[pieces[pi].LayerIndex].Pieces.Add((nextId++, nextId++, pi));

        Chunk(children, "nTRN", w => Transform(w, 0, [], 1, -1, null));
        Chunk(children, "nGRP", w => Group(w, 1, [], layerNodes.Select(l => l.Transform)));
        for (var li = 0; li < layers.Count; li++)
        {
            var (transform, group, layerPieces) = layerNodes[li];
            (string, string)[] attributes = layers[li].Visible ? [("_name", layers[li].Name)] : [("_name", layers[li].Name), ("_hidden", "1")];
            Chunk(children, "nTRN", w => Transform(w, transform, attributes, group, 0, null));
            Chunk(children, "nGRP", w => Group(w, group, [(LayerGroupKey, "1")], layerPieces.Select(p => p.Transform)));
            foreach (var (pieceTransform, shape, model) in layerPieces)
            {
                var p = pieces[model];
                // Readers place voxel v at v - floor(size / 2) + t.
                var t = $"{p.Origin.X + p.Size.X / 2} {p.Origin.Y + p.Size.Y / 2} {p.Origin.Z + p.Size.Z / 2}";
                Chunk(children, "nTRN", w => Transform(w, pieceTransform, [], shape, 0, t));
                Chunk(children, "nSHP", w => { Int(w, shape); Dict(w, []); Int(w, 1); Int(w, model); Dict(w, []); });
            }
        }
        Chunk(children, "LAYR", w => { Int(w, 0); Dict(w, []); Int(w, -1); });
        Chunk(children, "RGBA", w =>
        {
            for (var i = 0; i < 256; i++)
            {
                var c = i < palette.Length ? palette[i] : new Rgba(0, 0, 0, 255);
                w.WriteByte(c.R); w.WriteByte(c.G); w.WriteByte(c.B); w.WriteByte(c.A);
            }
        });

        output.Write("VOX "u8);
        Int(output, 150);
        output.Write("MAIN"u8);
        Int(output, 0);
        Int(output, checked((int)children.Length));
        children.Position = 0;
        children.CopyTo(output);
    }

    private static uint Pack(int x, int y, int z, int color) => (uint)z << 24 | (uint)y << 16 | (uint)x << 8 | (uint)color;

    private static void Transform(Stream w, int id, (string, string)[] attributes, int child, int layer, string? translation)
    {
        Int(w, id);
        Dict(w, attributes);
        Int(w, child);
        Int(w, -1);
        Int(w, layer);
        Int(w, 1);
        Dict(w, translation is null ? [] : [("_t", translation)]);
    }

    private static void Group(Stream w, int id, (string, string)[] attributes, IEnumerable<int> children)
    {
        var list = children.ToList();
        Int(w, id);
        Dict(w, attributes);
        Int(w, list.Count);
        foreach (var c in list) Int(w, c);
    }

    private static void Chunk(Stream output, string id, Action<Stream> content)
    {
        using var buffer = new MemoryStream();
        content(buffer);
        output.Write(Encoding.ASCII.GetBytes(id));
        Int(output, checked((int)buffer.Length));
        Int(output, 0);
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void Dict(Stream w, (string Key, string Value)[] entries)
    {
        Int(w, entries.Length);
        foreach (var (key, value) in entries) { Str(w, key); Str(w, value); }
    }

    private static void Str(Stream w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        Int(w, bytes.Length);
        w.Write(bytes);
    }

    private static void Int(Stream w, int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        w.Write(b);
    }
}
