using System.Numerics;
using Goxel.Core;
using Goxel.Formats.Png;

namespace Goxel.Formats.Gox;

/// <summary>
/// Reads .gox v1 and v2 (reference: goxel-core.md section 4.1). Shape and clone layers are
/// rebuilt into plain voxels on load, so every layer of the result is editable.
/// </summary>
internal static class GoxReader
{
    private sealed class PendingLayer
    {
        public required Layer Layer;
        public int FileId;
        public int BaseId;
        public ShapeKind? Shape;
        public Matrix4x4 ShapeBox;
        public Rgba ShapeColor = Rgba.White;
    }

    public static Project Read(byte[] data, string file)
    {
        var reader = new ByteReader(data, file);
        if (data.Length < 8 || reader.ReadTag() != "GOX ") throw VoxelFileException.Corrupt(file, "not a .gox file (missing \"GOX \" magic)");
        var version = reader.ReadInt32();
        if (version is < 1 or > 2) throw reader.Fail($"unsupported .gox version {version} (1 and 2 are known)");

        var blocks = new List<byte[]>();
        var materials = new List<Material>();
        var cameras = new List<Camera>();
        Camera? activeCamera = null;
        var layers = new List<PendingLayer>();
        VoxelBox? imageBox = null;
        long blocksSoFar = 0;

        while (!reader.AtEnd)
        {
            var type = reader.ReadTag();
            var length = reader.ReadLength($"chunk '{Printable(type)}' length");
            var chunk = reader.Slice(length);
            reader.Skip(4); // the CRC field, always 0 and never checked upstream
            switch (type)
            {
                case "BL16":
                    if (blocks.Count >= Limits.MaxBlocks) Limits.CheckBlocks(file, blocks.Count + 1L);
                    blocks.Add(PngDecoder.DecodeRgba(chunk.Take(length), Block.CellCount, chunk, $"block {blocks.Count}"));
                    break;
                case "LAYR":
                    Limits.CheckLayers(file, layers.Count + 1);
                    layers.Add(ReadLayer(chunk, blocks, version, materials, blocksSoFar));
                    blocksSoFar += layers[^1].Layer.Volume.BlockCount;
                    break;
                case "MATE":
                    materials.Add(ReadMaterial(chunk));
                    break;
                case "CAMR":
                    var dict = GoxDict.Read(chunk);
                    var camera = new Camera(dict.String("name") ?? $"Camera.{cameras.Count + 1}");
                    if (dict.Float("dist") is { } dist && float.IsFinite(dist)) camera.Distance = dist;
                    if (dict.Bool("ortho") is { } ortho) camera.Orthographic = ortho;
                    if (dict.Matrix("mat") is { } cm) camera.Transform = cm;
                    if (dict.Has("active")) activeCamera = camera;
                    cameras.Add(camera);
                    break;
                case "IMG ":
                    if (GoxDict.Read(chunk).Matrix("box") is { } box) imageBox = GoxMatrix.ToCells(box);
                    break;
                default:
                    break; // PREV, LIGH and third-party chunks (PLAC, CLRH, ...) are skipped
            }
        }

        if (layers.Count == 0) throw VoxelFileException.Corrupt(file, "the file holds no layer");
        AssignIds(layers);
        var clip = imageBox ?? Project.DefaultImageBox;
        var byFileId = new Dictionary<int, PendingLayer>();
        foreach (var pending in layers) byFileId.TryAdd(pending.FileId, pending);
        foreach (var pending in layers)
        {
            if (pending.Shape is { } shape)
            {
                ShapeRasteriser.Fill(pending.Layer.Volume, shape, pending.ShapeBox, pending.ShapeColor, clip);
                pending.Layer.Transform = Matrix4x4.Identity; // now a plain layer: its mat is an origin, not a shape box
            }
            else if (pending.BaseId != 0 && pending.Layer.Volume.VoxelCount == 0 && byFileId.TryGetValue(pending.BaseId, out var source) && source != pending)
            {
                CopyTranslated(source.Layer, pending.Layer);
            }
            else continue;
            Limits.CheckBlocks(file, blocksSoFar += pending.Layer.Volume.BlockCount);
        }

        var result = layers.Select(l => l.Layer).ToList();
        imageBox ??= Project.Bounds(result) ?? Project.DefaultImageBox;
        var project = Project.FromLayers(Path.GetFileNameWithoutExtension(file), result, result[^1], imageBox.Value);
        project.Materials.AddRange(materials);
        project.Cameras.AddRange(cameras);
        project.ActiveCamera = activeCamera;
        return project;
    }

    private static PendingLayer ReadLayer(ByteReader chunk, List<byte[]> blocks, int version, List<Material> materials, long blocksBefore)
    {
        var count = chunk.ReadLength("layer block count", 20);
        var volume = new Volume();
        for (var i = 0; i < count; i++)
        {
            var index = chunk.ReadInt32();
            int x = chunk.ReadInt32(), y = chunk.ReadInt32(), z = chunk.ReadInt32();
            chunk.Skip(4);
            if (index < 0 || index >= blocks.Count) throw chunk.Fail($"layer refers to block {index} but only {blocks.Count} blocks precede it");
            if (Math.Abs((long)x) > 1 << 30 || Math.Abs((long)y) > 1 << 30 || Math.Abs((long)z) > 1 << 30) throw chunk.Fail($"block position ({x}, {y}, {z}) is out of range");
            // v1 stored block centres.
            if (version == 1) { x -= 8; y -= 8; z -= 8; }
            Blit(volume, blocks[index], x, y, z);
            Limits.CheckBlocks(chunk.File, blocksBefore + volume.BlockCount);
        }

        var dict = GoxDict.Read(chunk);
        var layer = new Layer(1, dict.String("name") ?? "", volume);
        if (dict.Bool("visible") is { } visible) layer.Visible = visible;
        if (dict.Matrix("mat") is { } mat) layer.Transform = mat;
        if (dict.Int("material") is { } m && m >= 0 && m < materials.Count) layer.Material = materials[m];
        if (dict.Bytes("color", 4) is { } c) layer.Color = new Rgba(c[0], c[1], c[2], c[3]);
        var pending = new PendingLayer { Layer = layer, FileId = dict.Int("id") ?? 0, BaseId = dict.Int("base_id") ?? 0 };
        if (ShapeRasteriser.Parse(dict.String("shape")) is { } shape)
        {
            pending.Shape = shape;
            pending.ShapeBox = layer.Transform;
            if (layer.Color is { } color) pending.ShapeColor = color;
        }
        return pending;
    }

    // Blocks are copied whole, empty cells included, at any offset (some writers do not align
    // them to 16), so a later block overwrites an earlier one where they overlap.
    private static void Blit(Volume volume, byte[] cells, int ox, int oy, int oz)
    {
        for (var i = 0; i < Block.CellCount; i++)
        {
            var c = new Rgba(cells[4 * i], cells[4 * i + 1], cells[4 * i + 2], cells[4 * i + 3]);
            volume.Set(ox + (i & 15), oy + ((i >> 4) & 15), oz + (i >> 8), c);
        }
    }

    private static Material ReadMaterial(ByteReader chunk)
    {
        var dict = GoxDict.Read(chunk);
        var material = new Material(dict.String("name") ?? "Material");
        if (dict.Floats("color", 4) is { } c) material.BaseColor = new Vector4(c[0], c[1], c[2], c[3]);
        else if (dict.Bytes("color", 4) is { } b) material.BaseColor = new Vector4(b[0], b[1], b[2], b[3]) / 255f; // vengi
        if (dict.Float("metallic") is { } metallic) material.Metallic = metallic;
        if (dict.Float("roughness") is { } roughness) material.Roughness = roughness;
        if (dict.Floats("emission", 3) is { } e) material.Emission = new Vector3(e[0], e[1], e[2]);
        return material;
    }

    // File ids are kept; 0 (vengi) or duplicates get the lowest free id, as upstream assigns them.
    private static void AssignIds(List<PendingLayer> layers)
    {
        var used = new HashSet<int>();
        var ids = new int[layers.Count];
        for (var i = 0; i < layers.Count; i++)
            if (layers[i].FileId > 0 && used.Add(layers[i].FileId)) ids[i] = layers[i].FileId;
        var next = 1;
        for (var i = 0; i < layers.Count; i++)
        {
            if (ids[i] != 0) continue;
            while (used.Contains(next)) next++;
            used.Add(next);
            ids[i] = next;
        }
        for (var i = 0; i < layers.Count; i++) layers[i].Layer = layers[i].Layer.WithId(ids[i]);
    }

    // A clone ("linked copy") shows its base moved by the difference of the two layer origins.
    private static void CopyTranslated(Layer source, Layer clone)
    {
        var t = clone.Transform.Translation - source.Transform.Translation;
        int dx = (int)MathF.Round(t.X), dy = (int)MathF.Round(t.Y), dz = (int)MathF.Round(t.Z);
        foreach (var v in source.Volume)
            clone.Volume.Set(v.Position.X + dx, v.Position.Y + dy, v.Position.Z + dz, v.Color);
    }

    private static string Printable(string tag) => new(tag.Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());
}
