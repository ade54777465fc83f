using System.IO.Compression;
using System.Text;
using Goxel.Core;

namespace Goxel.Formats.Tests;

/// <summary>Writes .vox files chunk by chunk, so tests can make the files other tools write.</summary>
internal sealed class VoxBuilder
{
    private readonly MemoryStream _children = new();

    public VoxBuilder Chunk(string id, Action<BinaryWriter> content)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) content(w);
        using var chunk = new BinaryWriter(_children, Encoding.UTF8, leaveOpen: true);
        chunk.Write(Encoding.ASCII.GetBytes(id));
        chunk.Write((int)buffer.Length);
        chunk.Write(0);
        chunk.Write(buffer.ToArray());
        return this;
    }

    public VoxBuilder Size(int w, int h, int d) => Chunk("SIZE", c => { c.Write(w); c.Write(h); c.Write(d); });

    /// <summary>XYZI from a dense grid (x fastest, then y, then z; 0 = empty).</summary>
    public VoxBuilder Xyzi(int w, int h, int d, byte[] dense) => Chunk("XYZI", c =>
    {
        c.Write(dense.Count(i => i != 0));
        for (var i = 0; i < dense.Length; i++)
            if (dense[i] != 0) { c.Write((byte)(i % w)); c.Write((byte)(i / w % h)); c.Write((byte)(i / (w * h))); c.Write(dense[i]); }
    });

    /// <summary>Teardown's TDCZ: the three sizes, then the dense grid zlib-compressed.</summary>
    public VoxBuilder Tdcz(int w, int h, int d, byte[] dense, int truncateTo = int.MaxValue) => Chunk("TDCZ", c =>
    {
        c.Write(w); c.Write(h); c.Write(d);
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(dense);
        var bytes = packed.ToArray();
        c.Write(bytes.AsSpan(0, Math.Min(bytes.Length, truncateTo)));
    });

    public VoxBuilder Transform(int id, int child, (string Key, string Value)[] attributes, string? translation = null) => Chunk("nTRN", c =>
    {
        c.Write(id);
        Dict(c, attributes);
        c.Write(child);
        c.Write(-1);
        c.Write(-1);
        c.Write(1);
        Dict(c, translation is null ? [] : [("_t", translation)]);
    });

    public VoxBuilder Group(int id, params int[] children) => Chunk("nGRP", c =>
    {
        c.Write(id);
        Dict(c, []);
        c.Write(children.Length);
        foreach (var child in children) c.Write(child);
    });

    public VoxBuilder Shape(int id, int model) => Chunk("nSHP", c =>
    {
        c.Write(id);
        Dict(c, []);
        c.Write(1);
        c.Write(model);
        Dict(c, []);
    });

    /// <summary>RGBA: entry i of the chunk is palette index i + 1.</summary>
    public VoxBuilder Palette(IReadOnlyList<Rgba> colours) => Chunk("RGBA", c =>
    {
        for (var i = 0; i < 256; i++)
        {
            var colour = i < colours.Count ? colours[i] : new Rgba(0, 0, 0, 255);
            c.Write(colour.R); c.Write(colour.G); c.Write(colour.B); c.Write(colour.A);
        }
    });

    public byte[] ToArray()
    {
        using var file = new MemoryStream();
        using var w = new BinaryWriter(file);
        w.Write("VOX "u8);
        w.Write(150);
        w.Write("MAIN"u8);
        w.Write(0);
        w.Write((int)_children.Length);
        w.Write(_children.ToArray());
        return file.ToArray();
    }

    private static void Dict(BinaryWriter w, (string Key, string Value)[] entries)
    {
        w.Write(entries.Length);
        foreach (var (key, value) in entries)
        {
            w.Write(Encoding.UTF8.GetByteCount(key)); w.Write(Encoding.UTF8.GetBytes(key));
            w.Write(Encoding.UTF8.GetByteCount(value)); w.Write(Encoding.UTF8.GetBytes(value));
        }
    }
}
