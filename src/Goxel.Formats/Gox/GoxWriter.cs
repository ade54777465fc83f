using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using Goxel.Core;
using Goxel.Render;

namespace Goxel.Formats.Gox;

/// <summary>
/// Writes .gox v2 in the chunk order upstream Goxel writes (IMG, BL16..., MATE..., LAYR...,
/// CAMR...), without the PREV preview. Blocks shared between layers (snapshots, duplicates) and
/// uniform blocks of one colour are stored once.
/// </summary>
internal static class GoxWriter
{
    public static void Write(Project project, Stream output)
    {
        output.Write("GOX "u8);
        WriteInt(output, 2);

        WriteChunk(output, "IMG ", new GoxDictWriter().Add("box", GoxMatrix.FromCells(project.ImageBox)).ToArray());

        var blockIndex = new Dictionary<Block, int>(ReferenceEqualityComparer.Instance);
        var uniformIndex = new Dictionary<uint, int>();
        var pixels = new byte[Block.CellCount * 4];
        var cells = MemoryMarshal.Cast<byte, uint>(pixels.AsSpan());
        var written = 0;
        foreach (var layer in project.Layers)
            foreach (var block in layer.Volume.Blocks.Values)
            {
                if (blockIndex.ContainsKey(block)) continue;
                if (block.IsUniform && uniformIndex.TryGetValue(block.UniformColor.Packed, out var shared))
                {
                    blockIndex[block] = shared;
                    continue;
                }
                var index = written++;
                blockIndex[block] = index;
                if (block.IsUniform) uniformIndex[block.UniformColor.Packed] = index;
                block.CopyTo(cells);
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts are not supported");
                // Upstream writes blocks as 64x64 RGBA PNGs; keep that layout.
                using var png = new MemoryStream();
                PngEncoder.Encode(pixels, 64, 64, png, keepAlpha: true, CompressionLevel.Optimal);
                WriteChunk(output, "BL16", png.ToArray());
            }

        foreach (var material in project.Materials)
        {
            var dict = new GoxDictWriter()
                .Add("name", material.Name)
                .Add("color", [material.BaseColor.X, material.BaseColor.Y, material.BaseColor.Z, material.BaseColor.W])
                .Add("metallic", material.Metallic)
                .Add("roughness", material.Roughness)
                .Add("emission", [material.Emission.X, material.Emission.Y, material.Emission.Z]);
            WriteChunk(output, "MATE", dict.ToArray());
        }

        foreach (var layer in project.Layers)
        {
            using var chunk = new MemoryStream();
            WriteInt(chunk, layer.Volume.BlockCount);
            foreach (var (key, block) in layer.Volume.Blocks)
            {
                WriteInt(chunk, blockIndex[block]);
                WriteInt(chunk, key.X << Block.Shift);
                WriteInt(chunk, key.Y << Block.Shift);
                WriteInt(chunk, key.Z << Block.Shift);
                WriteInt(chunk, 0);
            }
            var dict = new GoxDictWriter()
                .Add("name", layer.Name)
                .Add("mat", layer.Transform)
                .Add("id", layer.Id)
                .Add("base_id", 0);
            // Without a material the key is left out, as for a layer upstream never assigned one.
            if (layer.Material is { } m && project.Materials.IndexOf(m) is >= 0 and var index) dict.Add("material", index);
            if (layer.Color is { } color) dict.Add("color", new[] { color.R, color.G, color.B, color.A });
            dict.Add("mode", 0).Add("visible", layer.Visible);
            chunk.Write(dict.ToArray());
            WriteChunk(output, "LAYR", chunk.ToArray());
        }

        foreach (var camera in project.Cameras)
        {
            var dict = new GoxDictWriter()
                .Add("name", camera.Name)
                .Add("dist", camera.Distance)
                .Add("ortho", camera.Orthographic)
                .Add("mat", camera.Transform);
            if (ReferenceEquals(camera, project.ActiveCamera)) dict.Add("active", ReadOnlySpan<byte>.Empty);
            WriteChunk(output, "CAMR", dict.ToArray());
        }
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        output.Write(Encoding.ASCII.GetBytes(type));
        WriteInt(output, data.Length);
        output.Write(data);
        WriteInt(output, 0); // CRC: upstream writes 0 and never checks it
    }

    private static void WriteInt(Stream output, int value)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(word, value);
        output.Write(word);
    }
}
