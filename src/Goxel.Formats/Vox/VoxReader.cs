using System.IO.Compression;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Vox;

/// <summary>
/// Reads MagicaVoxel .vox (VOX 150 with or without the scene graph, and the old headerless
/// layout). Models come from XYZI chunks or Teardown's zlib-compressed TDCZ chunks. Every
/// shape instance of the scene graph becomes a layer placed by its composed transforms and
/// named after its node path (the names of the transforms above it, joined by "/"); the
/// instances under a group our writer marks with <see cref="VoxWriter.LayerGroupKey"/> are the
/// pieces of one layer.
/// </summary>
internal static class VoxReader
{
    /// <summary>
    /// A model: either XYZI's (x, y, z, index) quadruples, or TDCZ's dense grid of indices with x
    /// fastest, then y, then z; <c>Voxels</c> counts the cells that hold a colour.
    /// </summary>
    private sealed record Model(int W, int H, int D, byte[] Cells, bool Dense, long Voxels);

    private abstract record Node;
    private sealed record TransformNode(Dictionary<string, string> Attributes, int Child, int LayerId, VoxTransform Transform) : Node;
    private sealed record GroupNode(int[] Children, bool OneLayer) : Node;
    private sealed record ShapeNode(int[] Models) : Node;

    /// <summary>Chunks that carry nothing this reader needs; any other unknown chunk is named in errors.</summary>
    private static readonly HashSet<string> IgnoredChunks = ["PACK", "MATL", "MATT", "rOBJ", "rCAM", "NOTE", "IMAP"];

    private const int MaxNodes = 1 << 20;
    private const long MaxPlacedVoxels = 1L << 26;

    public static Project Read(byte[] data, string file)
    {
        var reader = new ByteReader(data, file);
        if (data.Length < 4 || reader.ReadTag() != "VOX ")
            return ReadHeaderless(data, file);
        reader.ReadInt32(); // version: 150 and 200 are both seen; the layout is the same

        if (reader.ReadTag() != "MAIN") throw reader.Fail("the first chunk is not MAIN");
        var mainContent = reader.ReadLength("MAIN content size");
        var mainChildren = reader.ReadLength("MAIN children size");
        reader.Skip(mainContent);
        var body = reader.Slice(mainChildren);

        var models = new List<Model>();
        var nodes = new Dictionary<int, Node>();
        var layerAttributes = new Dictionary<int, Dictionary<string, string>>();
        Rgba[]? palette = null;
        (int W, int H, int D)? size = null;
        var unsupported = new List<string>();

        while (!body.AtEnd)
        {
            var id = body.ReadTag();
            var contentSize = body.ReadLength($"chunk '{id}' content size");
            var childrenSize = body.ReadInt32();
            var content = body.Slice(contentSize);
            if (childrenSize < 0 || childrenSize > body.Remaining) throw body.Fail($"chunk '{id}' children size {childrenSize} runs past the end");
            body.Skip(childrenSize);
            switch (id)
            {
                case "SIZE":
                    int w = content.ReadInt32(), h = content.ReadInt32(), d = content.ReadInt32();
                    Limits.CheckGrid(content, "model", w, h, d);
                    size = (w, h, d);
                    break;
                case "XYZI":
                    if (size is not { } s) throw content.Fail("XYZI chunk without a SIZE chunk before it");
                    var n = content.ReadLength("voxel count", 4);
                    models.Add(new Model(s.W, s.H, s.D, content.TakeArray(4 * n), Dense: false, Voxels: n));
                    size = null;
                    break;
                case "TDCZ":
                    // Teardown's tools write SIZE then TDCZ, which repeats the size itself.
                    models.Add(ReadCompressed(content));
                    size = null;
                    break;
                case "RGBA":
                    palette = new Rgba[256];
                    for (var i = 0; i < 255; i++)
                    {
                        var c = content.Take(4);
                        palette[i + 1] = new Rgba(c[0], c[1], c[2], 255);
                    }
                    break;
                case "nTRN":
                    ReadTransform(content, nodes);
                    break;
                case "nGRP":
                {
                    var nodeId = content.ReadInt32();
                    var attributes = ReadDict(content);
                    var count = content.ReadLength("group child count", 4);
                    var children = new int[count];
                    for (var i = 0; i < count; i++) children[i] = content.ReadInt32();
                    AddNode(content, nodes, nodeId, new GroupNode(children, attributes.GetValueOrDefault(VoxWriter.LayerGroupKey) == "1"));
                    break;
                }
                case "nSHP":
                {
                    var nodeId = content.ReadInt32();
                    ReadDict(content);
                    var count = content.ReadLength("shape model count", 8);
                    var ids = new int[count];
                    for (var i = 0; i < count; i++) { ids[i] = content.ReadInt32(); ReadDict(content); }
                    AddNode(content, nodes, nodeId, new ShapeNode(ids));
                    break;
                }
                case "LAYR":
                {
                    var layerId = content.ReadInt32();
                    layerAttributes[layerId] = ReadDict(content);
                    break;
                }
                default:
                    // A SIZE waiting for its voxels means this chunk holds a model we cannot decode.
                    if (size is not null && !IgnoredChunks.Contains(id)) throw content.Fail($"model {models.Count} is stored in a '{id}' chunk, which this reader does not support (it reads XYZI and TDCZ)");
                    // A few names make the point; a bounded list keeps a hostile file from costing n^2.
                    if (!IgnoredChunks.Contains(id) && unsupported.Count < 8 && !unsupported.Contains(id)) unsupported.Add(id);
                    break;
            }
        }

        palette ??= VoxPalette.Default;
        var layers = new List<Layer>();
        if (nodes.TryGetValue(0, out var root) && root is TransformNode)
        {
            long placed = 0, blocks = 0;
            Walk(0, VoxTransform.Identity, null, false, null, 0);

            // path: the names of the named transforms so far; owner: the layer of a marked group.
            void Walk(int nodeId, VoxTransform parent, string? path, bool hidden, LayerSlot? owner, int depth)
            {
                if (depth > 256) throw body.Fail("the scene graph is too deep or has a cycle");
                if (!nodes.TryGetValue(nodeId, out var node)) throw body.Fail($"the scene graph refers to missing node {nodeId}");
                switch (node)
                {
                    case TransformNode t:
                        hidden |= t.Attributes.GetValueOrDefault("_hidden") == "1" ||
                                  (layerAttributes.TryGetValue(t.LayerId, out var la) && la.GetValueOrDefault("_hidden") == "1");
                        // The root transform's name ("root" in some writers) is not part of any path.
                        if (nodeId != 0 && t.Attributes.TryGetValue("_name", out var name) && name.Length > 0)
                            path = path is null ? name : $"{path}/{name}";
                        Walk(t.Child, parent.Then(t.Transform), path, hidden, owner, depth + 1);
                        break;
                    case GroupNode g:
                        if (owner is null && g.OneLayer) owner = new LayerSlot();
                        foreach (var child in g.Children) Walk(child, parent, path, hidden, owner, depth + 1);
                        break;
                    case ShapeNode s:
                        foreach (var modelId in s.Models)
                        {
                            if (modelId < 0 || modelId >= models.Count)
                                throw body.Fail($"a shape refers to model {modelId} but the file has {models.Count} models" +
                                                (unsupported.Count > 0 ? $"; it also holds chunks this reader does not support: {string.Join(", ", unsupported)}" : ""));
                            var layer = owner?.Layer;
                            if (layer is null)
                            {
                                layer = new Layer(layers.Count + 1, path ?? $"Layer {layers.Count + 1}") { Visible = !hidden };
                                layers.Add(layer);
                                Limits.CheckLayers(file, layers.Count);
                                if (owner is not null) owner.Layer = layer;
                            }
                            // Shared nodes can multiply instances exponentially: cap the work.
                            placed += models[modelId].Voxels + 1;
                            if (placed > MaxPlacedVoxels) throw body.Fail("the scene graph places too many voxels");
                            var before = layer.Volume.BlockCount;
                            Blit(layer.Volume, models[modelId], palette, parent);
                            Limits.CheckBlocks(file, blocks += layer.Volume.BlockCount - before);
                        }
                        break;
                }
            }
        }
        else
        {
            long blocks = 0;
            foreach (var model in models)
            {
                var layer = new Layer(layers.Count + 1, $"Layer {layers.Count + 1}");
                Blit(layer.Volume, model, palette, VoxTransform.Identity);
                layers.Add(layer);
                Limits.CheckLayers(file, layers.Count);
                Limits.CheckBlocks(file, blocks += layer.Volume.BlockCount);
            }
        }

        if (layers.Count == 0 && unsupported.Count > 0)
            throw VoxelFileException.Corrupt(file, $"the file holds no model this reader can decode; unsupported chunks: {string.Join(", ", unsupported)}");
        if (layers.Count == 0) layers.Add(new Layer(1, "Layer 1"));
        return Project.FromLayers(Path.GetFileNameWithoutExtension(file), layers, layers[^1], Project.Bounds(layers) ?? Project.DefaultImageBox);
    }

    private static void Blit(Volume volume, Model model, Rgba[] palette, VoxTransform transform)
    {
        var v = model.Cells;
        if (model.Dense)
        {
            var i = 0;
            for (var z = 0; z < model.D; z++)
            for (var y = 0; y < model.H; y++)
            for (var x = 0; x < model.W; x++, i++)
            {
                if (v[i] == 0) continue;
                var (px, py, pz) = transform.Place(x, y, z, model.W, model.H, model.D);
                volume.Set(px, py, pz, palette[v[i]]);
            }
            return;
        }
        for (var i = 0; i + 3 < v.Length; i += 4)
        {
            if (v[i + 3] == 0) continue;
            var (x, y, z) = transform.Place(v[i], v[i + 1], v[i + 2], model.W, model.H, model.D);
            volume.Set(x, y, z, palette[v[i + 3]]);
        }
    }

    // TDCZ: int32 x, y, z sizes, then a zlib stream of x*y*z palette indices (0 = empty).
    private static Model ReadCompressed(ByteReader content)
    {
        int w = content.ReadInt32(), h = content.ReadInt32(), d = content.ReadInt32();
        Limits.CheckGrid(content, "TDCZ model", w, h, d);
        var cells = new byte[w * h * d];
        var compressed = content.TakeArray(content.Remaining);
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            zlib.ReadExactly(cells);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw content.Fail($"the TDCZ model's zlib stream does not hold its {w}x{h}x{d} cells: {e.Message}");
        }
        return new Model(w, h, d, cells, Dense: true, Voxels: cells.Length - cells.AsSpan().Count((byte)0));
    }

    /// <summary>The one layer the instances under a marked group share, made by the first of them.</summary>
    private sealed class LayerSlot
    {
        public Layer? Layer { get; set; }
    }

    private static void ReadTransform(ByteReader content, Dictionary<int, Node> nodes)
    {
        var nodeId = content.ReadInt32();
        var attributes = ReadDict(content);
        var child = content.ReadInt32();
        content.ReadInt32(); // reserved
        var layerId = content.ReadInt32();
        var frames = content.ReadLength("transform frame count", 4);
        var transform = VoxTransform.Identity;
        for (var f = 0; f < frames; f++)
        {
            var frame = ReadDict(content);
            if (f != 0) continue; // frame 0 is the model's rest pose; later frames animate it
            var rotation = transform.R;
            if (frame.TryGetValue("_r", out var r) && int.TryParse(r, out var bits))
                rotation = VoxTransform.DecodeRotation(bits) ?? throw content.Fail($"invalid rotation {bits}");
            int tx = 0, ty = 0, tz = 0;
            if (frame.TryGetValue("_t", out var t))
            {
                var parts = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 3 || !int.TryParse(parts[0], out tx) || !int.TryParse(parts[1], out ty) || !int.TryParse(parts[2], out tz) ||
                    Math.Abs((long)tx) > 1 << 24 || Math.Abs((long)ty) > 1 << 24 || Math.Abs((long)tz) > 1 << 24)
                    throw content.Fail($"invalid translation '{t}'");
            }
            transform = new VoxTransform(rotation, tx, ty, tz);
        }
        AddNode(content, nodes, nodeId, new TransformNode(attributes, child, layerId, transform));
    }

    private static void AddNode(ByteReader content, Dictionary<int, Node> nodes, int id, Node node)
    {
        if (nodes.Count >= MaxNodes) throw content.Fail("too many scene graph nodes");
        if (!nodes.TryAdd(id, node)) throw content.Fail($"scene graph node {id} is defined twice");
    }

    private static Dictionary<string, string> ReadDict(ByteReader content)
    {
        var count = content.ReadLength("dictionary size", 8);
        var dict = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = Encoding.UTF8.GetString(content.Take(content.ReadLength("string length")));
            dict[key] = Encoding.UTF8.GetString(content.Take(content.ReadLength("string length")));
        }
        return dict;
    }

    // SLAB6's headerless .vox: uint32 x, y, z sizes; x*y*z colour indices with z fastest (255 =
    // empty); 256 RGB entries of 6 bits. Accepted only when the sizes add up exactly. It shares
    // KVX's axes, so it is placed like a KVX whose pivot is the model centre. (Upstream Goxel
    // reads the sizes in reverse order and the palette as 8-bit, which transposes and darkens
    // these files.)
    private static Project ReadHeaderless(byte[] data, string file)
    {
        var reader = new ByteReader(data, file);
        if (data.Length < 12 + 768) throw VoxelFileException.Corrupt(file, "not a .vox file (missing \"VOX \" magic)");
        long w = reader.ReadUInt32(), h = reader.ReadUInt32(), d = reader.ReadUInt32();
        if (w * h * d + 12 + 768 != data.Length) throw VoxelFileException.Corrupt(file, "not a .vox file (missing \"VOX \" magic)");
        var cells = reader.TakeArray((int)(w * h * d));
        var palette = Kvx.BuildEngineSpace.SixBitPalette(reader.Take(768));
        var layer = new Layer(1, "Layer 1");
        var i = 0;
        for (var x = 0; x < w; x++)
        for (var y = 0; y < h; y++)
        for (var z = 0; z < d; z++, i++)
        {
            var c = cells[i];
            if (c == 255) continue;
            layer.Volume.Set(Kvx.BuildEngineSpace.ToGoxel(x, y, z, h, d, w / 2.0, h / 2.0, d / 2.0), palette[c]);
        }
        return Project.FromLayers(Path.GetFileNameWithoutExtension(file), [layer], layer, Project.Bounds([layer]) ?? Project.DefaultImageBox);
    }
}
